// Trades by HTTP: each on its own POST /transactions, or `batch` at a time on POST
// /transactions/batch, over kept-alive connections (one per request in flight at most).
import { Agent as HttpAgent, type IncomingMessage, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { Submission } from './invalid-trades';
import type { Sender } from './sender';
import type { Tally } from './tally';

const REQUEST_TIMEOUT_MS = 10_000;

interface BatchItems {
  accepted: unknown[];
  rejected: unknown[];
  failed: unknown[];
}

interface Answer {
  status: number;
  body: string;
}

const isBatchItems = (body: unknown): body is BatchItems =>
  typeof body === 'object' &&
  body !== null &&
  ['accepted', 'rejected', 'failed'].every((key) => Array.isArray((body as Record<string, unknown>)[key]));

function parsed(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** An answer that says nothing of the trades, as the summary's last error shows it. */
function unexpected(route: string, { status, body }: Answer): string {
  const message = (parsed(body) as { message?: unknown } | undefined)?.message;
  return `POST ${route} answered ${status}${typeof message === 'string' ? `: ${message}` : ''}`;
}

export class HttpSender implements Sender {
  readonly perRequest: number;
  readonly target: string;
  private readonly route: string;
  private readonly url: URL;
  private readonly agent: HttpAgent;
  private readonly request: typeof httpRequest;

  /** `batch`: trades per POST /transactions/batch; undefined: one trade per POST /transactions. */
  constructor(
    base: string,
    private readonly batch: number | undefined,
    maxInFlight: number,
    private readonly tally: Tally,
  ) {
    this.perRequest = batch ?? 1;
    this.route = batch === undefined ? '/transactions' : '/transactions/batch';
    this.url = new URL(this.route, base);
    this.target = new URL(base).origin;
    const https = this.url.protocol === 'https:';
    this.agent = new (https ? HttpsAgent : HttpAgent)({ keepAlive: true, maxSockets: maxInFlight });
    this.request = https ? httpsRequest : httpRequest;
  }

  async send(submissions: Submission[]): Promise<void> {
    const body = JSON.stringify(this.batch === undefined ? submissions[0] : submissions);
    const started = performance.now();
    try {
      const answer = await this.post(body);
      this.tally.answeredIn(performance.now() - started);
      this.count(answer, submissions.length);
    } catch (error) {
      this.tally.failed(submissions.length, `POST ${this.route}: ${(error as Error).message}`);
    }
  }

  private count(answer: Answer, trades: number): void {
    const { tally } = this;
    if (answer.status === 429) tally.limited += trades;
    else if (this.batch === undefined) this.countSingle(answer);
    else {
      const items = parsed(answer.body);
      if (!isBatchItems(items)) return this.countWhole(answer, trades);
      tally.accepted += items.accepted.length;
      tally.refused += items.rejected.length;
      tally.unavailable += items.failed.length;
    }
  }

  private countSingle(answer: Answer): void {
    if (answer.status === 202) this.tally.accepted++;
    else if (answer.status === 400) this.tally.refused++;
    else this.countWhole(answer, 1);
  }

  /** An answer about the request as a whole, not its trades one by one. */
  private countWhole(answer: Answer, trades: number): void {
    if (answer.status === 503) this.tally.unavailable += trades;
    else this.tally.failed(trades, unexpected(this.route, answer));
  }

  private post(body: string): Promise<Answer> {
    return new Promise((resolve, reject) => {
      const req = this.request(
        this.url,
        { method: 'POST', agent: this.agent, headers: { 'content-type': 'application/json' } },
        (response: IncomingMessage) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () =>
            resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString() }),
          );
          response.on('error', reject);
        },
      );
      req.on('error', reject);
      req.setTimeout(REQUEST_TIMEOUT_MS, () => req.destroy(new Error(`no answer within ${REQUEST_TIMEOUT_MS} ms`)));
      req.end(body);
    });
  }

  /** Every answer came with its request. */
  async settle(): Promise<void> {
    return;
  }

  async close(): Promise<void> {
    this.agent.destroy();
  }
}
