/** A user and password, or a token (a user without a password), as a server URL may carry them. */
export type UrlCredentials = { user: string; pass: string } | { token: string };

/** NATS_URL taken apart: what nats.js is given, and what the URLs asked for. */
export interface NatsServers {
  /** The URLs without their credentials: nats.js ignores a user and password inside a URL. */
  servers: string[];
  /** Every URL is `tls://`: the connection must be TLS. */
  tls: boolean;
  credentials?: UrlCredentials;
}

// `scheme://userinfo@rest`. The userinfo ends at the last `@`, wherever a `/` is: a NATS URL has no
// path, and a password such as base64's may hold `/`, which a browser's parser would take for one
// and so leave the password in the host, shown in logs.
const SERVER_URL = /^(?:(?<scheme>[a-z][a-z0-9+.-]*):\/\/)?(?:(?<userinfo>.*)@)?(?<rest>[^@]*)$/i;
const SCHEMES = ['nats', 'tls'];

interface ServerUrl {
  scheme?: string;
  userinfo?: string;
  rest: string;
}

/** NATS_URL's servers, as written (credentials included). */
export const natsServers = (natsUrl: string): string[] =>
  natsUrl
    .split(',')
    .map((server) => server.trim())
    .filter(Boolean);

const split = (natsUrl: string): ServerUrl[] =>
  natsServers(natsUrl).map((server) => SERVER_URL.exec(server)?.groups as unknown as ServerUrl);

/** NATS_URL as logs, errors and /health may show it: each password, or token, replaced by `***`. */
export const shownServers = (natsUrl: string): string =>
  split(natsUrl)
    .map(({ scheme, userinfo, rest }) => {
      const shownUser =
        userinfo === undefined ? '' : userinfo.includes(':') ? `${userinfo.split(':')[0]}:***@` : '***@';
      return `${scheme === undefined ? '' : `${scheme}://`}${shownUser}${rest}`;
    })
    .join(',');

/**
 * Takes NATS_URL (one URL, or a comma-separated list) apart. Throws an error that names what is
 * wrong without showing any credential: a scheme other than `nats://` or `tls://`, a URL without a
 * host, `tls://` for some servers only (nats.js has one TLS setting for all), or servers that
 * carry different credentials (the connection has one identity).
 */
export function parseServers(natsUrl: string): NatsServers {
  const urls = split(natsUrl);
  if (urls.length === 0) throw new Error('names no server');
  urls.forEach(({ scheme, rest }, index) => {
    if (scheme !== undefined && !SCHEMES.includes(scheme.toLowerCase())) {
      throw new Error(`server ${index + 1} is ${scheme}://, not nats:// or tls://`);
    }
    if (!rest || rest.startsWith(':') || rest.startsWith('/')) throw new Error(`server ${index + 1} has no host`);
  });
  const tls = urls.filter(({ scheme }) => scheme?.toLowerCase() === 'tls').length;
  if (tls > 0 && tls < urls.length) throw new Error('asks for tls:// on some servers only: on all or none');
  const given = [...new Set(urls.flatMap(({ userinfo }) => (userinfo === undefined ? [] : [userinfo])))];
  if (given.length > 1) throw new Error('carries different credentials in different servers: one user for all');
  return {
    servers: urls.map(({ scheme, rest }) => `${scheme === undefined ? '' : `${scheme}://`}${rest}`),
    tls: tls > 0,
    ...(given.length === 1 && { credentials: credentialsOf(given[0]) }),
  };
}

function credentialsOf(userinfo: string): UrlCredentials {
  const separator = userinfo.indexOf(':');
  try {
    if (separator < 0) return { token: decodeURIComponent(userinfo) };
    return {
      user: decodeURIComponent(userinfo.slice(0, separator)),
      pass: decodeURIComponent(userinfo.slice(separator + 1)),
    };
  } catch {
    throw new Error('carries a user or password that is not valid percent-encoding');
  }
}
