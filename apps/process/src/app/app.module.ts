import { Module } from '@nestjs/common';
import { MetricsModule } from '@tradeflow/metrics';
import { NatsModule } from '@tradeflow/nats';
import { PlatformModule } from '@tradeflow/platform';
import { STREAMS } from '@tradeflow/topology';
import { FoldModule } from '../fold/fold.module';
import { ProcessEnvironment } from './process.environment';
import { processResources } from './process.resources';

@Module({
  imports: [
    PlatformModule.forApp('process', ProcessEnvironment),
    MetricsModule.forApp('process'),
    NatsModule.forRoot<ProcessEnvironment>({
      name: 'process',
      owns: processResources,
      requires: { streams: [STREAMS.transactions] },
    }),
    FoldModule,
  ],
})
export class AppModule {}
