export type JsonParse = { ok: true; value: unknown } | { ok: false; message: string };

/** JSON.parse that reports malformed input as a message instead of throwing. */
export function parseJson(text: string): JsonParse {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, message: `body is not valid JSON: ${(error as Error).message}` };
  }
}
