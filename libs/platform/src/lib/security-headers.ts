import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import helmet, { type HelmetOptions } from 'helmet';

/**
 * The security headers of every response of every app. The policy allows the dashboard's own
 * files and nothing else: its script, its stylesheet, its map's JSON, its favicon and the
 * WebSocket to the origin that served it (`connect-src 'self'` covers ws: and wss: to the same
 * host in Chrome 71+, Firefox and Safari 16+). Nothing inline: the page's code sets element
 * styles through the CSSOM, which style-src does not govern. The JSON APIs never need more.
 */
export const SECURITY_HEADER_OPTIONS: Readonly<HelmetOptions> = {
  contentSecurityPolicy: {
    // helmet's defaults would add upgrade-insecure-requests, which breaks a page served over plain HTTP.
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      baseUri: ["'none'"],
      connectSrc: ["'self'"],
      formAction: ["'none'"],
      frameAncestors: ["'none'"],
      imgSrc: ["'self'"],
      objectSrc: ["'none'"],
      scriptSrc: ["'self'"],
      scriptSrcAttr: ["'none'"],
      styleSrc: ["'self'"],
    },
  },
  // The apps speak plain HTTP; HSTS is for whatever terminates TLS in front of them to send.
  strictTransportSecurity: false,
  xFrameOptions: { action: 'deny' },
  referrerPolicy: { policy: 'no-referrer' },
};

/** The same headers as one constant, for a response written without Fastify; computed once. */
export const SECURITY_HEADERS: Readonly<OutgoingHttpHeaders> = (() => {
  const headers: OutgoingHttpHeaders = {};
  const recorder = {
    setHeader: (name: string, value: string) => (headers[name.toLowerCase()] = value),
    removeHeader: (name: string) => delete headers[name.toLowerCase()],
  };
  helmet(SECURITY_HEADER_OPTIONS)({} as IncomingMessage, recorder as unknown as ServerResponse, () => undefined);
  return Object.freeze(headers);
})();
