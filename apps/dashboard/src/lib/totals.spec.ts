import { Formats, NONE } from './format';
import { type Totals, totalsView } from './totals';

const formats = new Formats('en-US');
const totals = (overrides: Partial<Totals>): Totals => ({
  loaded: true,
  total: 0,
  refused: undefined,
  quarantined: undefined,
  ...overrides,
});

describe('totalsView', () => {
  test('before the first snapshot nothing is known, whatever the counts say', () => {
    expect(totalsView(totals({ loaded: false, total: 5, refused: 1 }), formats)).toEqual({
      total: NONE,
      accepted: NONE,
      refused: '1',
      shareKnown: false,
      acceptedScale: '1',
      refusedShare: `refused share ${NONE}`,
      quarantined: `${NONE} quarantined`,
    });
  });

  test('accepted vs refused: the counts, the accepted share as a bar, the refused share', () => {
    expect(totalsView(totals({ total: 23, refused: 1, quarantined: 0 }), formats)).toEqual({
      total: '23',
      accepted: '23',
      refused: '1',
      shareKnown: true,
      acceptedScale: '0.9583',
      refusedShare: 'refused share 4.2%',
      quarantined: '0 quarantined',
    });
    expect(totalsView(totals({ total: 1234567, quarantined: 2 }), formats)).toMatchObject({
      total: '1,234,567',
      quarantined: '2 quarantined',
    });
  });

  test('no share without the refused count, nor of nothing', () => {
    const unknown = { shareKnown: false, acceptedScale: '1', refusedShare: `refused share ${NONE}` };
    expect(totalsView(totals({ total: 23 }), formats)).toMatchObject({ refused: NONE, ...unknown });
    expect(totalsView(totals({ total: 0, refused: 0 }), formats)).toMatchObject({ refused: '0', ...unknown });
    expect(totalsView(totals({ total: 0, refused: 3 }), formats)).toMatchObject({
      shareKnown: true,
      acceptedScale: '0.0000',
      refusedShare: 'refused share 100%',
    });
  });
});
