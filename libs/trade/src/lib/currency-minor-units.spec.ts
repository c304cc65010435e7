import { readFileSync } from 'node:fs';
import { isISO4217CurrencyCode } from 'class-validator';
import { minorUnitsOf } from '../index';

/**
 * ISO 4217's list one as the currency-codes package ships it (the XML it builds its data from,
 * which keeps "N.A." where its data says 0): the minor units by currency code.
 */
function isoListOne(): Map<string, string> {
  const xml = readFileSync(require.resolve('currency-codes/iso-4217-list-one.xml'), 'utf8');
  const entries = xml.matchAll(/<Ccy>([A-Z]{3})<\/Ccy>\s*<CcyNbr>\d+<\/CcyNbr>\s*<CcyMnrUnts>([^<]+)<\/CcyMnrUnts>/g);
  return new Map([...entries].map(([, code, minorUnits]) => [code, minorUnits]));
}

describe('minorUnitsOf', () => {
  const listOne = isoListOne();

  it('reads the whole list', () => {
    expect(listOne.size).toBeGreaterThan(170);
    expect(listOne.get('EUR')).toBe('2');
  });

  it("gives every currency of ISO 4217's list one its minor units, none where the list says N.A.", () => {
    const table = [...listOne.keys()].map((code) => [code, minorUnitsOf(code)]);
    const expected = [...listOne].map(([code, units]) => [code, units === 'N.A.' ? undefined : Number(units)]);
    expect(table).toEqual(expected);
  });

  it('gives 2, as they had, to the withdrawn SLL and ZWL, which class-validator still accepts', () => {
    const withdrawn = ['SLL', 'ZWL'];
    expect(withdrawn.filter((code) => isISO4217CurrencyCode(code) && !listOne.has(code))).toEqual(withdrawn);
    expect(withdrawn.map(minorUnitsOf)).toEqual([2, 2]);
  });
});
