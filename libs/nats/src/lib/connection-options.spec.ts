import { createJwtAccount, createNkeyUser } from '@tradeflow/testing';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nkeys } from 'nats';
import { natsConnectionOptions, type NatsConnectionEnvironment } from '../index';

const UNSET: NatsConnectionEnvironment = {
  NATS_URL: 'nats://127.0.0.1:4222',
  NATS_TOKEN: '',
  NATS_NKEY_SEED_FILE: '',
  NATS_CREDS_FILE: '',
  NATS_CA_FILE: '',
  NATS_CERT_FILE: '',
  NATS_KEY_FILE: '',
};
const options = (environment: Partial<NatsConnectionEnvironment>) =>
  natsConnectionOptions({ ...UNSET, ...environment });

let directory: string;
beforeAll(() => (directory = mkdtempSync(join(tmpdir(), 'tradeflow-connection-options-'))));
afterAll(() => rmSync(directory, { recursive: true, force: true }));
const file = (name: string, contents: string) => {
  const path = join(directory, name);
  writeFileSync(path, contents);
  return path;
};

test('without credentials: the servers, nothing else', () => {
  expect(options({ NATS_URL: 'nats://a:4222,nats://b:4222' })).toEqual({ servers: ['nats://a:4222', 'nats://b:4222'] });
});

test("NATS_URL's user and password become the user and pass options; its URLs go without them", () => {
  expect(options({ NATS_URL: 'nats://ingest:s%2Fcret@a:4222,nats://b:4222' })).toEqual({
    servers: ['nats://a:4222', 'nats://b:4222'],
    user: 'ingest',
    pass: 's/cret',
  });
});

test('NATS_TOKEN, or a token in NATS_URL, becomes the token option', () => {
  expect(options({ NATS_TOKEN: 'tok' })).toEqual({ servers: ['nats://127.0.0.1:4222'], token: 'tok' });
  expect(options({ NATS_URL: 'nats://tok@a:4222' })).toEqual({ servers: ['nats://a:4222'], token: 'tok' });
});

test("NATS_NKEY_SEED_FILE: an authenticator that signs the server's nonce with the seed, read at each connect", () => {
  const user = createNkeyUser();
  const seedFile = file('user.nk', `${user.seed}\n`);
  const { authenticator, ...rest } = options({ NATS_NKEY_SEED_FILE: seedFile });
  expect(rest).toEqual({ servers: ['nats://127.0.0.1:4222'] });
  const answer = (authenticator as (nonce?: string) => { nkey: string; sig: string })('nonce');
  expect(answer.nkey).toBe(user.publicKey);
  const signature = nkeys.decode(answer.sig);
  expect(nkeys.fromPublic(user.publicKey).verify(new TextEncoder().encode('nonce'), signature)).toBe(true);

  const renewed = createNkeyUser();
  writeFileSync(seedFile, renewed.seed);
  expect((authenticator as (nonce?: string) => { nkey: string })('nonce').nkey).toBe(renewed.publicKey);
});

test("NATS_CREDS_FILE: an authenticator that presents the file's JWT and signs with its seed", () => {
  const { creds } = createJwtAccount();
  const { authenticator } = options({ NATS_CREDS_FILE: file('user.creds', creds) });
  const answer = (authenticator as (nonce?: string) => { jwt: string; nkey: string })('nonce');
  expect(creds).toContain(answer.jwt);
  expect(answer.nkey).toMatch(/^U[A-Z2-7]{55}$/);
});

test('TLS: tls:// URLs ask for it; the CA, certificate and key files go to nats.js, which reads them', () => {
  expect(options({ NATS_URL: 'tls://a:4222' })).toEqual({ servers: ['tls://a:4222'], tls: {} });
  expect(options({ NATS_URL: 'tls://a:4222', NATS_CA_FILE: '/pki/ca.pem' })).toEqual({
    servers: ['tls://a:4222'],
    tls: { caFile: '/pki/ca.pem' },
  });
  expect(
    options({ NATS_CA_FILE: '/pki/ca.pem', NATS_CERT_FILE: '/pki/client.pem', NATS_KEY_FILE: '/pki/client.key' }),
  ).toEqual({
    servers: ['nats://127.0.0.1:4222'],
    tls: { caFile: '/pki/ca.pem', certFile: '/pki/client.pem', keyFile: '/pki/client.key' },
  });
});
