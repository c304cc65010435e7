import { readFileSync } from 'node:fs';
import { credsAuthenticator, nkeyAuthenticator } from 'nats';
import { ValidateBy, type ValidationArguments } from 'class-validator';
import { readSeed } from './connection-options';
import type { NatsEnvironment } from './nats.environment';
import { parseServers } from './server-urls';

/** What is wrong with a variable's value, or undefined when nothing is. */
type Problem = (value: string, environment: NatsEnvironment) => string | undefined;

/** A class-validator rule from a Problem; its message is the variable's name and the problem. */
const Rule = (name: string, problem: Problem): PropertyDecorator =>
  ValidateBy({
    name,
    validator: {
      validate: (value: string, args?: ValidationArguments) =>
        problem(value, args?.object as NatsEnvironment) === undefined,
      defaultMessage: (args?: ValidationArguments) =>
        `${args?.property} ${problem(args?.value, args?.object as NatsEnvironment)}`,
    },
  });

/** One URL or a comma-separated list, each `nats://` or `tls://`, as parseServers accepts them. */
export const ServerList = () =>
  Rule('serverList', (natsUrl) => {
    try {
      parseServers(natsUrl);
      return undefined;
    } catch (error) {
      return (error as Error).message;
    }
  });

/** The ways to authenticate that are set: a client presents one identity. */
function waysToAuthenticate(environment: NatsEnvironment): string[] {
  let urlCredentials = false;
  try {
    urlCredentials = parseServers(environment.NATS_URL).credentials !== undefined;
  } catch {
    // NATS_URL's own rule says what is wrong with it.
  }
  return [
    ...(urlCredentials ? ['credentials in NATS_URL'] : []),
    ...(['NATS_TOKEN', 'NATS_NKEY_SEED_FILE', 'NATS_CREDS_FILE'] as const).filter((variable) => environment[variable]),
  ];
}

/** Set, the variable is the only way to authenticate. */
export const OnlyWayToAuthenticate = (variable: 'NATS_TOKEN' | 'NATS_NKEY_SEED_FILE' | 'NATS_CREDS_FILE') =>
  Rule('onlyWayToAuthenticate', (value, environment) => {
    const others = waysToAuthenticate(environment).filter((way) => way !== variable);
    return value && others.length > 0
      ? `cannot be combined with ${others.join(', ')}: set one way to authenticate`
      : undefined;
  });

/** Set, the variable names a file that can be read and, if `holds` says so, holds what it must. */
export const ReadableFile = (holds?: { what: string; check: (file: string) => void }) =>
  Rule('readableFile', (file) => {
    if (!file) return undefined;
    try {
      readFileSync(file);
    } catch (error) {
      return `cannot be read: ${(error as Error).message}`;
    }
    try {
      holds?.check(file);
      return undefined;
    } catch {
      // The error may quote the file; its contents are a secret.
      return `does not hold ${holds?.what}`;
    }
  });

export const NKEY_SEED = { what: 'an nkey seed', check: (file: string) => nkeyAuthenticator(readSeed(file))('') };
export const USER_CREDS = {
  what: 'a user JWT and its nkey seed (a .creds file)',
  check: (file: string) => credsAuthenticator(readFileSync(file))(''),
};

/** Set, the variable needs `other` set too (a client certificate and its key). */
export const Needs = (other: 'NATS_CERT_FILE' | 'NATS_KEY_FILE') =>
  Rule('needs', (value, environment) => (value && !environment[other] ? `needs ${other} too` : undefined));
