import { quarantineMessageId, quarantineRecord } from './quarantine-record';

describe('quarantineRecord', () => {
  test('keeps the message as its text when it is UTF-8', () => {
    const data = new TextEncoder().encode('not json at all — é');
    expect(quarantineRecord(1, 42, 'tx.accepted.1', 'not JSON: …', data)).toEqual({
      partition: 1,
      seq: 42,
      subject: 'tx.accepted.1',
      reason: 'not JSON: …',
      payload: 'not json at all — é',
      encoding: 'utf-8',
    });
  });

  test('keeps the message as base64 when it is not UTF-8, and says so', () => {
    const data = new Uint8Array([0x7b, 0xff, 0xfe, 0x00]);
    const record = quarantineRecord(0, 7, 'tx.accepted.0', 'not UTF-8 text', data);
    expect(record).toMatchObject({ payload: 'e//+AA==', encoding: 'base64' });
    expect(Buffer.from(record.payload, 'base64')).toEqual(Buffer.from(data));
  });

  test('is identified by the sequence of the message it records', () => {
    expect(quarantineMessageId(42)).toBe('TRANSACTIONS:42');
  });
});
