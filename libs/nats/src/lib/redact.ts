/** Server URLs as they may be shown: a user and password in a URL (`nats://u:p@host`) become `***`. */
export const withoutCredentials = (servers: readonly string[]): string =>
  servers.map((server) => server.replace(/\/\/[^/@]*@/, '//***@')).join(',');
