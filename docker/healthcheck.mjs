// The image's HEALTHCHECK: exits 0 when the app's GET /health answers 200, 1 otherwise (503: not
// connected to NATS, a stream missing, a stuck partition; no answer within 4 s).
// The app listens on PORT, or on its own default when PORT is unset.
const DEFAULT_PORTS = { ingest: 3001, stats: 3002, process: 3003 };
const port = process.env.PORT || DEFAULT_PORTS[process.env.APP];

try {
  const response = await fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(4000) });
  process.exit(response.status === 200 ? 0 : 1);
} catch {
  process.exit(1);
}
