import { parseJson } from '../index';

const nestedArrays = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
const nestedObjects = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
const TOO_DEEP = 'body is nested deeper than 32 levels';

describe('parseJson', () => {
  it('reads JSON', () => {
    expect(parseJson(' {"a":[1,"x",{"b":null}]} ')).toEqual({ ok: true, value: { a: [1, 'x', { b: null }] } });
  });

  test.each(['', '{', '{"a":1,}', 'x', '[1]]'])('says why %j is no JSON, without throwing', (text) => {
    expect(parseJson(text)).toEqual({ ok: false, message: expect.stringMatching(/^body is not valid JSON: .+/) });
  });

  test.each([
    ['arrays', nestedArrays],
    ['objects', nestedObjects],
  ])('reads %s nested 32 levels deep', (_name, nested) => {
    expect(parseJson(nested(32)).ok).toBe(true);
  });

  test.each([
    ['arrays 33', nestedArrays(33)],
    ['objects 33', nestedObjects(33)],
    ['arrays 10,000', nestedArrays(10_000)],
    ['objects 10,000', nestedObjects(10_000)],
    ['objects in arrays 100,000', '[{"a":'.repeat(50_000) + '1' + '}]'.repeat(50_000)],
  ])('refuses %s levels deep', (_name, text) => {
    expect(parseJson(text)).toEqual({ ok: false, message: TOO_DEEP });
  });

  it('counts no bracket within a string', () => {
    expect(parseJson(JSON.stringify(['[{'.repeat(100) + '\\"[', '{"a":'.repeat(100)]))).toEqual({
      ok: true,
      value: ['[{'.repeat(100) + '\\"[', '{"a":'.repeat(100)],
    });
  });
});
