export interface JsonResponse {
  status: number;
  headers: Headers;
  // Tests read answers of many shapes; they assert on them, so `any` is the honest type here.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

async function answer(response: Response): Promise<JsonResponse> {
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

/** POST as JSON: an object is serialised, a string is sent as it is (for malformed bodies). */
export async function postJson(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<JsonResponse> {
  const init = {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  };
  return answer(await fetch(url, init));
}

export const getJson = async (url: string): Promise<JsonResponse> => answer(await fetch(url));
