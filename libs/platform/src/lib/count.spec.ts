import { Max, Min } from 'class-validator';
import { Count, PositiveCount, RuntimeEnvironment, validateEnvironment } from '../index';

class CountedEnvironment extends RuntimeEnvironment {
  /** 0: no limit. */
  @Count() LIMIT: number = 0;
  @PositiveCount() ITEMS: number = 10;
  @PositiveCount() @Min(64) @Max(4096) FRAME_BYTES: number = 1024;
}

const validate = validateEnvironment(CountedEnvironment);
/** The reason validation gives for `name=value`, or undefined when the value is accepted. */
const refusal = (name: string, value: string): string | undefined => {
  try {
    validate({ [name]: value });
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
};

describe('Count: a whole number ≥ 0', () => {
  test.each(['0', '1', '1000000'])('accepts %s', (value) => {
    expect(validate({ LIMIT: value }).LIMIT).toBe(Number(value));
  });

  test.each([
    ['-1', 'LIMIT must not be less than 0'],
    ['1.5', 'LIMIT must be an integer number'],
    ['ten', 'LIMIT must be an integer number'],
  ])('refuses %s', (value, reason) => {
    expect(refusal('LIMIT', value)).toContain(`LIMIT=${JSON.stringify(value)}: ${reason}`);
  });
});

describe('PositiveCount: a whole number ≥ 1', () => {
  test.each(['1', '2', '1000000'])('accepts %s', (value) => {
    expect(validate({ ITEMS: value }).ITEMS).toBe(Number(value));
  });

  test.each([
    ['0', 'ITEMS must be a positive number'],
    ['-1', 'ITEMS must be a positive number'],
    ['1.5', 'ITEMS must be an integer number'],
    ['ten', 'ITEMS must be an integer number'],
  ])('refuses %s', (value, reason) => {
    expect(refusal('ITEMS', value)).toContain(`ITEMS=${JSON.stringify(value)}: ${reason}`);
  });

  test('takes a higher floor and a ceiling beside it, each named when broken', () => {
    expect(validate({ FRAME_BYTES: '64' }).FRAME_BYTES).toBe(64);
    expect(validate({ FRAME_BYTES: '4096' }).FRAME_BYTES).toBe(4096);
    expect(refusal('FRAME_BYTES', '63')).toMatch(/FRAME_BYTES="63": FRAME_BYTES must not be less than 64$/);
    expect(refusal('FRAME_BYTES', '0')).toContain('FRAME_BYTES must be a positive number');
    expect(refusal('FRAME_BYTES', '0')).toContain('FRAME_BYTES must not be less than 64');
    expect(refusal('FRAME_BYTES', '4097')).toMatch(/FRAME_BYTES="4097": FRAME_BYTES must not be greater than 4096$/);
  });
});
