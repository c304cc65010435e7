import { createHash } from 'node:crypto';
import { nkeys } from 'nats';

type KeyPair = ReturnType<typeof nkeys.createUser>;

/** An nkey user: the public key a server lists, the seed the client signs with. */
export interface NkeyUser {
  publicKey: string;
  seed: string;
  /** nats-server configuration that admits this user only (for StartNatsServerOptions.config). */
  serverConfig: string;
}

export function createNkeyUser(): NkeyUser {
  const user = nkeys.createUser();
  return {
    publicKey: user.getPublicKey(),
    seed: new TextDecoder().decode(user.getSeed()),
    serverConfig: `authorization { users = [ { nkey: ${user.getPublicKey()} } ] }\n`,
  };
}

/** Operator (JWT) mode: an operator, an account with JetStream, and a user of that account. */
export interface JwtAccount {
  /** nats-server configuration that trusts the operator, with its accounts preloaded (for StartNatsServerOptions.config). */
  serverConfig: string;
  /** The user's `.creds` file: its JWT, signed by the account, and its seed. */
  creds: string;
}

const UNLIMITED = { subs: -1, data: -1, payload: -1 };
const ACCOUNT_LIMITS = { ...UNLIMITED, imports: -1, exports: -1, wildcards: true, conn: -1, leaf: -1 };
const JETSTREAM_LIMITS = { mem_storage: -1, disk_storage: -1, streams: -1, consumer: -1 };

/**
 * Creates an operator, its system account, an account with unlimited JetStream and one user, with
 * their JWTs signed here as nats's JWT v2 libraries sign them (nats-server 2.9 and newer accept them).
 */
export function createJwtAccount(): JwtAccount {
  const operator = nkeys.createOperator();
  const system = nkeys.createAccount();
  const account = nkeys.createAccount();
  const user = nkeys.createUser();
  const operatorJwt = signJwt(operator, operator, 'operator', {
    type: 'operator',
    system_account: system.getPublicKey(),
  });
  const systemJwt = signJwt(operator, system, 'SYS', { type: 'account', limits: ACCOUNT_LIMITS });
  const accountJwt = signJwt(operator, account, 'tradeflow', {
    type: 'account',
    limits: { ...ACCOUNT_LIMITS, ...JETSTREAM_LIMITS },
  });
  const userJwt = signJwt(account, user, 'app', { type: 'user', pub: {}, sub: {}, ...UNLIMITED });
  return {
    serverConfig: [
      `operator: ${operatorJwt}`,
      `system_account: ${system.getPublicKey()}`,
      'resolver: MEMORY',
      `resolver_preload: { ${system.getPublicKey()}: ${systemJwt}, ${account.getPublicKey()}: ${accountJwt} }`,
      '',
    ].join('\n'),
    creds: [
      '-----BEGIN NATS USER JWT-----',
      userJwt,
      '------END NATS USER JWT------',
      '',
      '-----BEGIN USER NKEY SEED-----',
      new TextDecoder().decode(user.getSeed()),
      '------END USER NKEY SEED------',
      '',
    ].join('\n'),
  };
}

const base64url = (data: string | Uint8Array) => Buffer.from(data).toString('base64url');

/** A JWT of `subject`'s claims signed by `issuer`: header, claims and ed25519 signature, base64url. */
function signJwt(issuer: KeyPair, subject: KeyPair, name: string, nats: Record<string, unknown>): string {
  const claims = {
    jti: '',
    iat: Math.floor(Date.now() / 1000),
    iss: issuer.getPublicKey(),
    name,
    sub: subject.getPublicKey(),
    nats: { ...nats, version: 2 },
  };
  // The claims' id is the hash of the claims without it, as the JWT libraries make it.
  claims.jti = base32(createHash('sha512-256').update(JSON.stringify(claims)).digest());
  const signed = `${base64url(JSON.stringify({ typ: 'JWT', alg: 'ed25519-nkey' }))}.${base64url(JSON.stringify(claims))}`;
  return `${signed}.${base64url(issuer.sign(Buffer.from(signed)))}`;
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 base32 without padding. */
function base32(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let text = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    for (; bits >= 5; bits -= 5) text += BASE32[(value >>> (bits - 5)) & 31];
  }
  return bits > 0 ? text + BASE32[(value << (5 - bits)) & 31] : text;
}
