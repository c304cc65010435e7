import { fmt, fmtCpu, fmtCpuTotal, fmtRoundRatios } from './report';

describe('bench report formatting', () => {
  test('numbers: thousands grouped, small ones with decimals, missing as a dash', () => {
    expect(fmt(11_936.4)).toBe('11,936');
    expect(fmt(17)).toBe('17.0');
    expect(fmt(0.884)).toBe('0.88');
    expect(fmt(undefined)).toBe('–');
    expect(fmt(NaN)).toBe('–');
  });

  test('CPU by role, and their sum out of the machine', () => {
    expect(fmtCpu([84.4, 43.6, undefined])).toBe('84 / 44 / –');
    expect(fmtCpuTotal([84.4, 43.6, 36])).toBe('84 / 44 / 36 = 164');
    expect(fmtCpuTotal([84, undefined, 36])).toBe('84 / – / 36 = 120');
    expect(fmtCpuTotal([undefined])).toBe('– = –');
    expect(fmtCpuTotal([84, 44, 36], 187.4)).toBe('84 / 44 / 36 = 164; 187');
    expect(fmtCpuTotal([84, 44, 36], NaN)).toBe('84 / 44 / 36 = 164; –');
  });

  test('the ratio of each round', () => {
    expect(fmtRoundRatios([3_146, 2_219, 3_795], [5_307, 2_691, 2_910])).toBe('0.59 / 0.82 / 1.30');
    expect(fmtRoundRatios([1, 2], [0, 4])).toBe('– / 0.50');
    expect(fmtRoundRatios([1], [])).toBe('–');
  });
});
