import type { JetStreamManager, MsgRequest } from 'nats';
import { API_ERROR, isApiError } from './api-errors';
import { bucketStream } from './provision';

// Reads answered by a stream's leader (a message get), not by a direct get that any replica,
// perhaps one still catching up, may answer: for checks that must see every acknowledged write.

const isNoMessage = isApiError(API_ERROR.noMessageFound);

async function storedSeq(jsm: JetStreamManager, stream: string, request: MsgRequest): Promise<number | undefined> {
  try {
    return (await jsm.streams.getMessage(stream, request)).seq;
  } catch (error) {
    if (isNoMessage(error)) return undefined;
    throw error;
  }
}

/**
 * The sequence of a stream's first message on `subject` at or after `fromSeq`, or undefined when
 * there is none. nats-server 2.9 takes `next_by_subj`; nats.js 2.29 only lacks its type.
 */
export const nextStoredSeq = (jsm: JetStreamManager, stream: string, subject: string, fromSeq: number) =>
  storedSeq(jsm, stream, { seq: fromSeq, next_by_subj: subject } as unknown as MsgRequest);

/** The sequence of a stream's last message on `subject`, or undefined when it has none. */
export const lastStoredSeq = (jsm: JetStreamManager, stream: string, subject: string) =>
  storedSeq(jsm, stream, { last_by_subj: subject });

/** The revision of a KV key's last write (a delete included), or undefined when it has none. */
export const latestRevision = (jsm: JetStreamManager, bucket: string, key: string) =>
  lastStoredSeq(jsm, bucketStream(bucket), `$KV.${bucket}.${key}`);

/**
 * How many keys of a KV bucket match `filter` (`instances.*`), deleted ones included until the
 * bucket's TTL removes them: one request, where listing the keys runs a consumer that waits on
 * whichever server it was placed on, and waited for good when that server died.
 */
export async function countKeys(jsm: JetStreamManager, bucket: string, filter: string): Promise<number> {
  const { state } = await jsm.streams.info(bucketStream(bucket), { subjects_filter: `$KV.${bucket}.${filter}` });
  return Object.keys(state.subjects ?? {}).length;
}
