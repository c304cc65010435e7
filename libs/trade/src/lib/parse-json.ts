import { readJsonStructure } from './json-structure';
import { noteRepeatedKey } from './repeated-keys';

export type JsonParse = { ok: true; value: unknown } | { ok: false; message: string };

/**
 * Deeper than any trade (1) or batch (2), and far from what JSON.stringify, which recurses, cannot
 * write back (a refusal's record holds the submission): some thousands of levels.
 */
const MAX_DEPTH = 32;

/**
 * JSON.parse that reports malformed input as a message instead of throwing, and refuses a text
 * nested deeper than 32 levels. The keys that a trade's object repeats (at the top level, or in a
 * top-level array) are noted for validateTrade, which refuses them: JSON.parse keeps the last.
 */
export function parseJson(text: string): JsonParse {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: `body is not valid JSON: ${(error as Error).message}` };
  }
  const structure = readJsonStructure(text, MAX_DEPTH);
  if (structure.tooDeep) return { ok: false, message: `body is nested deeper than ${MAX_DEPTH} levels` };
  for (const { item, key } of structure.repeatedKeys) {
    noteRepeatedKey((item === undefined ? value : (value as unknown[])[item]) as object, key);
  }
  return { ok: true, value };
}
