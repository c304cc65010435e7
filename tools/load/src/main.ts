// `npm run load`: realistic trades to ingest at a steady rate, over HTTP or NATS, with live
// progress and a summary. Exit status: 0 once the summary is printed (Ctrl-C included), 1 when
// it cannot start (NATS unreachable), 2 for a mistake on the command line or in NATS_ variables.
import { describeNatsError, NatsEnvironment, natsConnectionOptions, shownServers } from '@tradeflow/nats';
import { validateEnvironment } from '@tradeflow/platform';
import { HttpSender } from './http-sender';
import { NatsSender } from './nats-sender';
import { type LoadOptions, parseOptions, USAGE, UsageError } from './options';
import { Progress } from './progress';
import { formatSummary } from './report';
import { runLoad } from './run';
import type { Sender } from './sender';
import { Tally } from './tally';

async function openSender(options: LoadOptions, tally: Tally): Promise<Sender> {
  if (options.via === 'http') return new HttpSender(options.url, options.batch, options.maxInFlight, tally);
  let environment: NatsEnvironment;
  try {
    environment = validateEnvironment(NatsEnvironment)({
      ...process.env,
      ...(options.natsUrl !== undefined && { NATS_URL: options.natsUrl }),
    });
  } catch (error) {
    throw new UsageError((error as Error).message, { cause: error });
  }
  const servers = shownServers(environment.NATS_URL);
  try {
    return await NatsSender.open(natsConnectionOptions(environment), servers, tally);
  } catch (error) {
    throw new Error(`could not connect to NATS at ${servers}: ${describeNatsError(error)}`, { cause: error });
  }
}

function describeRun(options: LoadOptions, target: string): string {
  const how = options.via === 'nats' ? 'tx.submit' : options.batch ? `HTTP, batches of ${options.batch},` : 'HTTP';
  const bounds = [
    ...(options.durationSeconds === undefined ? [] : [`for ${options.durationSeconds} s`]),
    ...(options.count === undefined ? [] : [`${options.count.toLocaleString('en-US')} trades at most`]),
  ].join(', ');
  const mixedIn = [
    ...(options.invalid > 0 ? [`${options.invalid * 100}% invalid`] : []),
    ...(options.offMarket > 0 ? [`${options.offMarket * 100}% off the market`] : []),
    ...(options.fastUser ? ['a fast user'] : []),
  ].map((part) => `, ${part}`);
  return `load: ${options.rate.toLocaleString('en-US')} trades/s over ${how} to ${target} ${bounds}${mixedIn.join('')}; Ctrl-C stops`;
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  if (options.help) {
    console.log(USAGE);
    return;
  }
  const tally = new Tally();
  const sender = await openSender(options, tally);
  const progress = new Progress(tally, options.via, options.maxInFlight);
  const stop = new AbortController();
  const hurry = new AbortController();
  const interrupt = () => {
    if (stop.signal.aborted) return hurry.abort();
    progress.note('stopping: waiting for what was sent (Ctrl-C again to stop waiting)');
    stop.abort();
  };
  process.on('SIGINT', interrupt);
  process.on('SIGTERM', interrupt);

  progress.note(describeRun(options, sender.target));
  const summary = await runLoad(options, sender, tally, { stop: stop.signal, hurry: hurry.signal }, progress);
  await sender.close();
  console.log(options.json ? JSON.stringify(summary) : formatSummary(summary, options.maxInFlight));
}

main().catch((error: unknown) => {
  const usage = error instanceof UsageError;
  console.error(`load: ${error instanceof Error ? error.message : String(error)}`);
  if (usage) console.error('load: npm run load -- --help says how');
  process.exitCode = usage ? 2 : 1;
});
