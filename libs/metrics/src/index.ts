export { MetricsModule } from './lib/metrics.module';
