export { MetricsModule } from './lib/metrics.module';
export { scrapeReading } from './lib/scrape-reading';
