// Reading GET /docs-json in the specs: JSON pointers into the document and its $refs.

/** The OpenAPI document as GET /docs-json answers it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON as it comes, which the specs check
export type ApiDocument = any;

export const fetchDocument = async (ingestUrl: string): Promise<ApiDocument> =>
  (await fetch(`${ingestUrl}/docs-json`)).json();

const token = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

/** What a JSON pointer (`/paths/~1transactions`) names in the document. */
export const at = (document: ApiDocument, pointer: string): ApiDocument =>
  pointer
    .split('/')
    .slice(1)
    .reduce((node, key) => node?.[key.replace(/~1/g, '/').replace(/~0/g, '~')], document);

/** A value of the document, or what its `$ref` names. */
export const follow = (document: ApiDocument, value: ApiDocument): ApiDocument =>
  typeof value?.$ref === 'string' ? at(document, value.$ref.slice(1)) : value;

/** Where POST `path`'s answer with `status` is documented, as a JSON pointer, its `$ref` followed. */
export function answerPointer(document: ApiDocument, path: string, status: string): string {
  const own = `/paths/${token(path)}/post/responses/${status}`;
  const answer = at(document, own);
  return typeof answer?.$ref === 'string' ? answer.$ref.slice(1) : own;
}
