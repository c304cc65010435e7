import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { forgetDirectory, removeOnHostExit } from './child-reaper';

/** PEM files of a throwaway certificate authority, a server certificate for 127.0.0.1 and a client certificate. */
export interface TlsFiles {
  caFile: string;
  server: { certFile: string; keyFile: string };
  client: { certFile: string; keyFile: string };
  /** nats-server configuration that requires TLS with the server certificate, and with `verifyClients` a client certificate signed by the authority. */
  serverConfig(verifyClients?: boolean): string;
  /** Removes the files. */
  dispose(): Promise<void>;
}

const openssl = (directory: string, ...args: string[]) => promisify(execFile)('openssl', args, { cwd: directory });
const newKey = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

/** Makes them with `openssl` in a temporary directory (removed when the host process ends, at the latest). */
export async function createTlsFiles(): Promise<TlsFiles> {
  const directory = await mkdtemp(join(tmpdir(), 'tradeflow-tls-'));
  removeOnHostExit(directory);
  await openssl(
    directory,
    'req',
    '-x509',
    ...newKey,
    '-keyout',
    'ca.key',
    '-out',
    'ca.pem',
    '-days',
    '1',
    '-subj',
    '/CN=tradeflow test CA',
  );
  const sign = async (name: string, extensions: string) => {
    await openssl(directory, 'req', ...newKey, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${name}`);
    await writeFile(join(directory, `${name}.ext`), extensions);
    await openssl(
      directory,
      'x509',
      '-req',
      '-in',
      `${name}.csr`,
      '-CA',
      'ca.pem',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-days',
      '1',
      '-extfile',
      `${name}.ext`,
      '-out',
      `${name}.pem`,
    );
    return { certFile: join(directory, `${name}.pem`), keyFile: join(directory, `${name}.key`) };
  };
  const server = await sign('server', 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n');
  const client = await sign('client', 'extendedKeyUsage=clientAuth\n');
  const caFile = join(directory, 'ca.pem');
  return {
    caFile,
    server,
    client,
    serverConfig: (verifyClients = false) =>
      `tls { cert_file: ${JSON.stringify(server.certFile)}, key_file: ${JSON.stringify(server.keyFile)}, ` +
      `ca_file: ${JSON.stringify(caFile)}, verify: ${verifyClients} }\n`,
    dispose: async () => {
      await rm(directory, { recursive: true, force: true });
      forgetDirectory(directory);
    },
  };
}
