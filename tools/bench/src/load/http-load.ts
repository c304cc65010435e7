// Closed-loop HTTP load with autocannon, as a library: N keep-alive connections, each sending
// the next of a list of prepared POSTs as soon as the previous answer arrived. Given several
// URLs, autocannon deals the connections out to them in turn (connection i to URL i mod n), all
// in one histogram.
import autocannon from 'autocannon';

export interface HttpLoad {
  /** The full URL of the requests, or several (instances of one server): the connections split evenly. */
  url: string | string[];
  bodies: string[];
  connections: number;
  durationSeconds: number;
}

export interface HttpLoadResult {
  /** 2xx answers per second. */
  okPerSecond: number;
  ok: number;
  failed: number;
  p50Ms: number;
  p99Ms: number;
  seconds: number;
}

export async function runHttpLoad(load: HttpLoad): Promise<HttpLoadResult> {
  const result = await autocannon({
    url: load.url,
    connections: load.connections,
    pipelining: 1,
    duration: load.durationSeconds,
    timeout: 10,
    requests: load.bodies.map((body) => ({
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    })),
  });
  const seconds = result.duration;
  return {
    okPerSecond: result['2xx'] / seconds,
    ok: result['2xx'],
    failed: result.non2xx + result.errors + result.timeouts,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    seconds,
  };
}
