import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { forgetDirectory, killOnHostExit, removeOnHostExit } from './child-reaper';
import { findNatsServerBinary, NATS_SERVER_NOT_FOUND } from './find-binary';
import { freePort } from './free-port';
import { LogBuffer } from './log-buffer';
import { portAcceptsConnections } from './port-open';

export interface NatsServerHandle {
  /** nats://127.0.0.1:<port> */
  readonly url: string;
  readonly port: number;
  /** Temporary JetStream store directory, kept across restarts. */
  readonly storeDir: string;
  /** SIGTERM, wait for exit (SIGKILL after 5 s). Does nothing if the server is not running. */
  stop(): Promise<void>;
  /** SIGKILL, as in a crash, and wait for exit. */
  kill(): Promise<void>;
  /** (Re)start on the same port and store dir; resolves when the server is ready. */
  start(): Promise<void>;
  /** Stop and remove the store dir. */
  dispose(): Promise<void>;
}

/** How the server process runs: the defaults suit a test suite. */
export interface NatsServerProcessOptions {
  /**
   * For a tool that stops its servers itself, after its apps: the server in a process group of
   * its own, so a terminal's Ctrl-C does not reach it, and spared on the host's SIGINT/SIGTERM
   * when the host handles them (it is still killed if the host exits with it running).
   */
  stoppedByCaller?: boolean;
  /** A file to append the server's output to, besides keeping its tail for error messages. */
  logFile?: string;
}

export interface StartNatsServerOptions {
  /** Executable to run; default `$NATS_SERVER_BIN`, else `nats-server` on PATH. */
  binary?: string;
  /** False runs the server without `-js`, as a broker set up wrongly: every JetStream request goes unanswered. */
  jetStream?: boolean;
  /** A token every client must present (`--auth`): a client without it is refused. */
  authToken?: string;
  /** A configuration file to start from (`-c`), as users and permissions; the command line's settings win. */
  configFile?: string;
}

const READY_TIMEOUT_MS = 15_000;
const STOP_GRACE_MS = 5_000;
const POLL_MS = 20;
const READY_LINE = 'Server is ready';
/** How often a first start may pick another port when the free one was taken in the meantime. */
const PORT_ATTEMPTS = 3;

/** One run of the server process, from spawn to exit. */
class Run {
  readonly log = new LogBuffer();
  readonly exited: Promise<void>;
  exitDescription: string | undefined;

  constructor(
    readonly child: ChildProcess,
    logFile?: string,
  ) {
    const file = logFile === undefined ? undefined : createWriteStream(logFile, { flags: 'a' });
    if (file) child.once('close', () => file.end());
    for (const stream of [child.stdout, child.stderr]) {
      stream?.on('data', (chunk) => {
        this.log.append(chunk);
        file?.write(chunk);
      });
    }
    child.on('error', (error) => this.log.append(`[harness] ${error.message}\n`));
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        this.exitDescription = signal ? `signal ${signal}` : `code ${code}`;
        resolve();
      });
    });
  }

  get running(): boolean {
    return this.exitDescription === undefined;
  }

  /** Let the host process exit while the server still runs; the reaper kills it then. */
  unref(): void {
    this.child.unref();
    for (const stream of [this.child.stdout, this.child.stderr]) {
      (stream as (Readable & { unref?: () => void }) | null)?.unref?.();
    }
  }

  async signal(signal: NodeJS.Signals): Promise<void> {
    if (!this.running) return;
    this.child.ref(); // so that waiting for the exit keeps the event loop alive
    this.child.kill(signal);
    await this.exited;
  }
}

/** The command line of one server run, for the port it is to listen on. */
export type NatsServerArgs = (port: number) => string[];

/** A stand-alone server, with JetStream unless told otherwise: everything on the command line. */
const standaloneArgs =
  (storeDir: string, { jetStream = true, authToken, configFile }: StartNatsServerOptions = {}): NatsServerArgs =>
  (port) => [
    ...(configFile === undefined ? [] : ['-c', configFile]),
    ...(jetStream ? ['-js'] : []),
    ...(authToken === undefined ? [] : ['--auth', authToken]),
    ...['-a', '127.0.0.1', '-p', String(port)],
    ...['-sd', storeDir, '--server_name', `tradeflow-test-${process.pid}-${randomUUID().slice(0, 8)}`],
  ];

export class NatsServer implements NatsServerHandle {
  private run: Run | undefined;
  private starting: Promise<void> | undefined;
  private stopping: Promise<void> | undefined;
  private disposed = false;

  constructor(
    private readonly binary: string,
    private currentPort: number,
    readonly storeDir: string,
    private readonly args: NatsServerArgs = standaloneArgs(storeDir),
    private readonly processOptions: NatsServerProcessOptions = {},
  ) {}

  get port(): number {
    return this.currentPort;
  }

  get url(): string {
    return `nats://127.0.0.1:${this.currentPort}`;
  }

  /** First start: if another process grabbed the free port in the meantime, try another one. */
  async startOnSomeFreePort(): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.start();
      } catch (error) {
        const portTaken = this.run?.log.includes('address already in use') ?? false;
        if (!portTaken || attempt >= PORT_ATTEMPTS) throw error;
        this.currentPort = await freePort();
      }
    }
  }

  start(): Promise<void> {
    if (this.disposed) return Promise.reject(new Error(`nats-server ${this.url} was disposed`));
    if (this.starting) return this.starting;
    this.starting = (async () => {
      await this.stopping;
      if (!this.run?.running) await this.launch();
    })().finally(() => (this.starting = undefined));
    return this.starting;
  }

  stop(): Promise<void> {
    if (this.stopping) return this.stopping;
    this.stopping = (async () => {
      await this.starting?.catch(() => undefined);
      const run = this.run;
      if (!run?.running) return;
      const escalate = setTimeout(() => run.child.kill('SIGKILL'), STOP_GRACE_MS);
      try {
        await run.signal('SIGTERM');
      } finally {
        clearTimeout(escalate);
      }
    })().finally(() => (this.stopping = undefined));
    return this.stopping;
  }

  async kill(): Promise<void> {
    await this.starting?.catch(() => undefined);
    await this.run?.signal('SIGKILL');
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    await this.stop();
    await rm(this.storeDir, { recursive: true, force: true });
    forgetDirectory(this.storeDir);
  }

  private async launch(): Promise<void> {
    const { stoppedByCaller = false, logFile } = this.processOptions;
    const child = spawn(this.binary, this.args(this.currentPort), {
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: stoppedByCaller,
    });
    const spawned = await new Promise<Error | undefined>((resolve) => {
      child.once('spawn', () => resolve(undefined));
      child.once('error', resolve);
    });
    if (spawned) {
      const missing = (spawned as NodeJS.ErrnoException).code === 'ENOENT';
      throw new Error(
        missing
          ? `${NATS_SERVER_NOT_FOUND} (tried ${this.binary})`
          : `could not run ${this.binary}: ${spawned.message}`,
      );
    }
    killOnHostExit(child, !stoppedByCaller);
    const run = new Run(child, logFile);
    this.run = run;

    try {
      await this.waitUntilReady(run);
    } catch (error) {
      await run.signal('SIGKILL');
      throw error;
    }
    run.unref();
  }

  private async waitUntilReady(run: Run): Promise<void> {
    const deadline = Date.now() + READY_TIMEOUT_MS;
    const command = `${this.binary} on port ${this.currentPort}`;
    for (;;) {
      if (!run.running) {
        throw new Error(`${command} exited (${run.exitDescription}) before it was ready:\n${run.log.tail()}`);
      }
      if (run.log.includes(READY_LINE) && (await portAcceptsConnections(this.currentPort))) return;
      if (Date.now() > deadline) {
        const seconds = READY_TIMEOUT_MS / 1000;
        throw new Error(`${command} was not ready after ${seconds} s; last log lines:\n${run.log.tail()}`);
      }
      await Promise.race([new Promise((resolve) => setTimeout(resolve, POLL_MS)), run.exited]);
    }
  }
}

/**
 * Start a real nats-server for one test suite, with JetStream unless `jetStream: false`: loopback
 * only, on a free port, with a fresh store directory. Resolves once the server accepts connections.
 */
export async function startNatsServer(options: StartNatsServerOptions = {}): Promise<NatsServerHandle> {
  const binary = findNatsServerBinary(options.binary);
  const storeDir = await mkdtemp(join(tmpdir(), 'tradeflow-nats-'));
  removeOnHostExit(storeDir);
  const server = new NatsServer(binary, await freePort(), storeDir, standaloneArgs(storeDir, options));
  try {
    await server.startOnSomeFreePort();
  } catch (error) {
    await server.dispose();
    throw error;
  }
  return server;
}
