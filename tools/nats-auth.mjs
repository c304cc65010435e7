// The NATS users of a run on this machine (`npm start`, `npm run cluster`): each app's password,
// made once and kept in tmp/nats/credentials.json, and the server's authorization configuration,
// docker/nats/authorization.conf with those passwords in place of its $NAMEs, in
// tmp/nats/nats-server.conf. Both files are the owner's alone (0600, in a 0700 folder): whoever
// reads them may publish as the apps. Plain Node with no dependencies, like ensure-deps.mjs.
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const TEMPLATE = join(root, 'docker/nats/authorization.conf');

/** The users with a password: one per app, and verify's recount. Clients without one are `anonymous`. */
const APP_USERS = ['ingest', 'process', 'stats', 'verify'];

/** The template's name for a user's password: NATS_INGEST_PASSWORD, as the compose files set it. */
const passwordVariable = (user) => `NATS_${user.toUpperCase()}_PASSWORD`;

/** A URL that logs in as `user`: nats://ingest:<password>@127.0.0.1:4222. */
export const natsUrlAs = (user, password, hostPort) => `nats://${user}:${password}@${hostPort}`;

/** URL-safe, so that it goes into a NATS_URL as it is. */
const newPassword = () => randomBytes(24).toString('base64url');

function writePrivate(file, text) {
  writeFileSync(file, text, { mode: 0o600 });
  chmodSync(file, 0o600); // a file that was there keeps its mode otherwise
}

/** The passwords kept in the file, with one made for each user it lacks. */
function loadPasswords(file) {
  const kept = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  const passwords = Object.fromEntries(APP_USERS.map((user) => [user, kept[user] || newPassword()]));
  if (APP_USERS.some((user) => passwords[user] !== kept[user]))
    writePrivate(file, `${JSON.stringify(passwords, null, 2)}\n`);
  return passwords;
}

/** The template with each password in place of its $NAME, quoted so that any character is taken as it is. */
function renderAuthorization(template, passwords) {
  const values = Object.fromEntries(APP_USERS.map((user) => [passwordVariable(user), passwords[user]]));
  return template.replace(/\$([A-Z_]+)/g, (match, name) => (name in values ? JSON.stringify(values[name]) : match));
}

/**
 * Makes the passwords (once) and writes the server's configuration (each time, from the current
 * template) under `stateDir`: the workspace unless told otherwise.
 */
export function natsAuthorization(stateDir = root) {
  const dir = join(stateDir, 'tmp', 'nats');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  const credentialsFile = join(dir, 'credentials.json');
  const configFile = join(dir, 'nats-server.conf');
  const passwords = loadPasswords(credentialsFile);
  writePrivate(configFile, renderAuthorization(readFileSync(TEMPLATE, 'utf8'), passwords));
  return { credentialsFile, configFile, passwords };
}

/** A path as the user is shown it: from the workspace when it is inside. */
export const shownPath = (path) => (path.startsWith(root) ? relative(root, path) : path);

// `node tools/nats-auth.mjs [stateDir]`: for the cluster tool and the tests, which are TypeScript:
// writes both files and prints where they are, as JSON (never a password).
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { credentialsFile, configFile } = natsAuthorization(process.argv[2]);
  console.log(JSON.stringify({ credentialsFile, configFile }));
}
