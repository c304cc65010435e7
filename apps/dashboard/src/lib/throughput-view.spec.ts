import { Formats, NONE } from './format';
import { throughputView } from './throughput-view';

const formats = new Formats('en-US');

describe('throughputView', () => {
  test('the rate now and the peak of the samples kept', () => {
    const points = [
      { at: 0, rate: 2.5 },
      { at: 1000, rate: 1234.4 },
      { at: 2000, rate: 3.2 },
    ];
    expect(throughputView(true, 3.2, points, formats)).toEqual({ rate: '3.2', peak: 'last 60 s · peak 1,234/s' });
  });

  test('no rate before the first snapshot; no samples, no peak', () => {
    expect(throughputView(false, 0, [], formats)).toEqual({ rate: NONE, peak: 'last 60 s · peak 0.0/s' });
  });
});
