import { validateEnvironment } from '@tradeflow/platform';
import { createJwtAccount, createNkeyUser } from '@tradeflow/testing';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NatsEnvironment } from '../index';

const validate = validateEnvironment(NatsEnvironment);

let directory: string;
let seedFile: string;
let credsFile: string;
const file = (name: string, contents: string) => {
  const path = join(directory, name);
  writeFileSync(path, contents);
  return path;
};

beforeAll(() => {
  directory = mkdtempSync(join(tmpdir(), 'tradeflow-nats-environment-'));
  seedFile = file('user.nk', createNkeyUser().seed);
  credsFile = file('user.creds', createJwtAccount().creds);
});
afterAll(() => rmSync(directory, { recursive: true, force: true }));

test('by default: the local server, no credentials, no TLS', () => {
  expect(validate({})).toMatchObject({
    NATS_URL: 'nats://127.0.0.1:4222',
    NATS_TOKEN: '',
    NATS_NKEY_SEED_FILE: '',
    NATS_CREDS_FILE: '',
    NATS_CA_FILE: '',
    NATS_CERT_FILE: '',
    NATS_KEY_FILE: '',
  });
});

test('accepts each way to authenticate alone, and TLS with any of them', () => {
  const tls = {
    NATS_CA_FILE: file('ca.pem', 'pem'),
    NATS_CERT_FILE: file('c.pem', 'pem'),
    NATS_KEY_FILE: file('c.key', 'key'),
  };
  for (const way of [
    { NATS_URL: 'tls://app:pw@a:4222,tls://b:4222' },
    { NATS_TOKEN: 'tok' },
    { NATS_NKEY_SEED_FILE: seedFile },
    { NATS_CREDS_FILE: credsFile },
  ]) {
    expect(validate({ ...way, ...tls })).toMatchObject({ ...way, ...tls });
  }
});

test('refuses two ways to authenticate at once, naming them, never showing a secret', () => {
  const invalid = () =>
    validate({ NATS_URL: 'nats://app:pw-s3cret@a:4222', NATS_TOKEN: 'tok-s3cret', NATS_CREDS_FILE: credsFile });
  expect(invalid).toThrow(
    /\n {2}NATS_TOKEN="\*\*\*": NATS_TOKEN cannot be combined with credentials in NATS_URL, NATS_CREDS_FILE: set one way to authenticate/,
  );
  expect(invalid).toThrow(
    `  NATS_CREDS_FILE=${JSON.stringify(credsFile)}: NATS_CREDS_FILE cannot be combined with credentials in NATS_URL, NATS_TOKEN`,
  );
  expect(invalid).not.toThrow(/s3cret/);
  expect(() => validate({ NATS_URL: 'nats://tok@a:4222', NATS_NKEY_SEED_FILE: seedFile })).toThrow(
    /NATS_NKEY_SEED_FILE cannot be combined with credentials in NATS_URL/,
  );
});

test('a bad NATS_URL is named with its passwords hidden', () => {
  const invalid = () => validate({ NATS_URL: 'nats://app:pw-s3cret@a:4222,nats://app:pw-other@b:4222' });
  expect(invalid).toThrow(
    '  NATS_URL="nats://app:***@a:4222,nats://app:***@b:4222": NATS_URL carries different credentials in different servers',
  );
  expect(invalid).not.toThrow(/s3cret|other/);
  expect(() => validate({ NATS_URL: 'ws://a:4222' })).toThrow('NATS_URL server 1 is ws://, not nats:// or tls://');
});

test('a file that cannot be read is named with its path, and one that holds no key says so, never what it holds', () => {
  const missing = join(directory, 'missing.pem');
  expect(() => validate({ NATS_CA_FILE: missing })).toThrow(
    `  NATS_CA_FILE=${JSON.stringify(missing)}: NATS_CA_FILE cannot be read: ENOENT: no such file or directory`,
  );
  expect(() => validate({ NATS_CERT_FILE: directory, NATS_KEY_FILE: directory })).toThrow(
    /NATS_CERT_FILE cannot be read: EISDIR/,
  );

  const notASeed = file('not-a-seed', 'SUsecret-but-not-a-seed');
  const notCreds = file('not-creds', 'secret-but-not-creds');
  const invalid = () => validate({ NATS_NKEY_SEED_FILE: notASeed, NATS_CREDS_FILE: notCreds });
  expect(invalid).toThrow(/NATS_NKEY_SEED_FILE does not hold an nkey seed/);
  expect(invalid).toThrow(/NATS_CREDS_FILE does not hold a user JWT and its nkey seed \(a .creds file\)/);
  expect(invalid).not.toThrow(/secret-but/);
});

test('a client certificate needs its key, and the key its certificate', () => {
  const pem = file('client.pem', 'pem');
  expect(() => validate({ NATS_CERT_FILE: pem })).toThrow(/NATS_CERT_FILE needs NATS_KEY_FILE too/);
  expect(() => validate({ NATS_KEY_FILE: pem })).toThrow(/NATS_KEY_FILE needs NATS_CERT_FILE too/);
});
