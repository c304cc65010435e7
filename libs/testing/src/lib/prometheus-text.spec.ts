import { Metrics, parseMetrics } from './prometheus-text';

const SCRAPE = `# HELP requests_total Requests
# TYPE requests_total counter
requests_total{route="GET /a",status="200",app="x"} 3
requests_total{route="say \\"hi\\"\\\\",status="404",app="x"} 1
uptime_seconds 12.5
`;

test('reads each sample with its labels, unescaped, and leaves comments out', () => {
  expect(parseMetrics(SCRAPE)).toEqual([
    { name: 'requests_total', labels: { route: 'GET /a', status: '200', app: 'x' }, value: 3 },
    { name: 'requests_total', labels: { route: 'say "hi"\\', status: '404', app: 'x' }, value: 1 },
    { name: 'uptime_seconds', labels: {}, value: 12.5 },
  ]);
});

test('looks samples up by some of their labels', () => {
  const metrics = new Metrics(parseMetrics(SCRAPE));
  expect(metrics.value('requests_total', { status: '200' })).toBe(3);
  expect(metrics.value('requests_total', { status: '500' })).toBeUndefined();
  expect(() => metrics.value('requests_total', { app: 'x' })).toThrow('2 samples');
  expect(metrics.sum('requests_total', { app: 'x' })).toBe(4);
  expect(metrics.labelValues('requests_total', 'status')).toEqual(['200', '404']);
});
