import { natsServers, shownServers } from '../index';
import { parseServers } from './server-urls';

describe('parseServers', () => {
  test('takes the user and password out of every URL, decoded, and gives nats.js the URLs without them', () => {
    expect(parseServers(' nats://app:p%40ss:w@rd@10.0.0.1:4222, nats://10.0.0.2:4222 ,')).toEqual({
      servers: ['nats://10.0.0.1:4222', 'nats://10.0.0.2:4222'],
      tls: false,
      credentials: { user: 'app', pass: 'p@ss:w@rd' },
    });
  });

  test('takes a password with / in it whole: the credentials end at the last @, wherever a / is', () => {
    expect(parseServers('nats://ingest:s3cr/t+pw==@nats:4222,nats://ingest:s3cr/t+pw==@b:4222')).toEqual({
      servers: ['nats://nats:4222', 'nats://b:4222'],
      tls: false,
      credentials: { user: 'ingest', pass: 's3cr/t+pw==' },
    });
    expect(parseServers('nats://t/ok@n:4222').credentials).toEqual({ token: 't/ok' });
  });

  test('reads a user without a password as a token, as the other NATS clients do', () => {
    expect(parseServers('nats://s3cret@127.0.0.1:4222').credentials).toEqual({ token: 's3cret' });
  });

  test('accepts a host without a scheme, and asks for TLS when every URL is tls://', () => {
    expect(parseServers('127.0.0.1:4222')).toEqual({ servers: ['127.0.0.1:4222'], tls: false });
    expect(parseServers('tls://a:4222,TLS://b:4222')).toEqual({ servers: ['tls://a:4222', 'TLS://b:4222'], tls: true });
  });

  test.each([
    ['', 'names no server'],
    ['http://u:pw@host:4222', 'server 1 is http://, not nats:// or tls://'],
    ['nats://a:4222,nats://u:pw@', 'server 2 has no host'],
    ['tls://a:4222,nats://b:4222', 'asks for tls:// on some servers only: on all or none'],
    [
      'nats://u:pw@a:4222,nats://u:other@b:4222',
      'carries different credentials in different servers: one user for all',
    ],
    ['nats://u:%E0%A4%A@a:4222', 'carries a user or password that is not valid percent-encoding'],
  ])('refuses %j: %s, without showing a password', (natsUrl, problem) => {
    expect(() => parseServers(natsUrl)).toThrow(new Error(problem));
  });
});

test('shownServers hides each password or token and keeps the user', () => {
  expect(shownServers('nats://alice:s3c@ret@127.0.0.1:4222,tls://tok3n@10.0.0.2:4222, nats://127.0.0.1:4223')).toBe(
    'nats://alice:***@127.0.0.1:4222,tls://***@10.0.0.2:4222,nats://127.0.0.1:4223',
  );
  expect(shownServers('nats://ingest:s3cr/t+pw==@nats:4222,nats://t/ok@n:4222')).toBe(
    'nats://ingest:***@nats:4222,nats://***@n:4222',
  );
});

test('natsServers lists the servers as written', () => {
  expect(natsServers('nats://u:p@a:4222, b:4222,')).toEqual(['nats://u:p@a:4222', 'b:4222']);
});
