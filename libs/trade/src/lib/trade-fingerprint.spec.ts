import { EXAMPLE_TRADE, TRADE_FIELDS, type TradeFields } from '@tradeflow/contract';
import { tradeFingerprint, validateTrade } from '../index';

const validated = (json: string): TradeFields => {
  const validation = validateTrade(JSON.parse(json));
  if (!validation.ok) throw new Error(JSON.stringify(validation.errors));
  return validation.trade;
};

test('is the same for the same trade however its JSON lays it out', () => {
  const reordered = JSON.stringify(Object.fromEntries(Object.entries(EXAMPLE_TRADE).reverse()));
  const spelled = JSON.stringify(EXAMPLE_TRADE).replace('"amountSell":1000', '"amountSell":1000.0');
  expect(spelled).not.toBe(JSON.stringify(EXAMPLE_TRADE));
  const fingerprint = tradeFingerprint(EXAMPLE_TRADE);
  expect(tradeFingerprint(validated(reordered))).toBe(fingerprint);
  expect(tradeFingerprint(validated(spelled))).toBe(fingerprint);
});

test.each(TRADE_FIELDS)('differs when %s differs', (field) => {
  const changed = { ...EXAMPLE_TRADE, [field]: typeof EXAMPLE_TRADE[field] === 'number' ? 1 : 'X' };
  expect(tradeFingerprint(changed)).not.toBe(tradeFingerprint(EXAMPLE_TRADE));
});

test('tells apart values that one string could join', () => {
  const a = { ...EXAMPLE_TRADE, userId: 'ab', currencyFrom: 'c' };
  const b = { ...EXAMPLE_TRADE, userId: 'a', currencyFrom: 'bc' };
  expect(tradeFingerprint(a)).not.toBe(tradeFingerprint(b));
});
