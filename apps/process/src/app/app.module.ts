import { Module } from '@nestjs/common';
import { NatsModule, statsBucket } from '@tradeflow/nats';
import { PlatformModule } from '@tradeflow/platform';
import { STREAMS } from '@tradeflow/topology';
import { ProcessEnvironment } from './process.environment';

@Module({
  imports: [
    PlatformModule.forApp('process', ProcessEnvironment),
    NatsModule.forRoot<ProcessEnvironment>({
      name: 'process',
      owns: (config) => ({ buckets: [statsBucket(config.get('JS_REPLICAS', { infer: true }))] }),
      requires: { streams: [STREAMS.transactions] },
    }),
  ],
})
export class AppModule {}
