import { type DynamicModule, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { TerminusModule } from '@nestjs/terminus';
import { HealthChecks } from './health/health-checks';
import { HealthController } from './health/health.controller';
import { NatsClient } from './nats.client';
import { type NatsEnvironment, natsServers } from './nats.environment';
import { NATS_OPTIONS, type NatsOptions } from './nats.options';
import type { JetStreamResources, RequiredResources } from './resources';

export interface NatsModuleOptions<Env extends NatsEnvironment> {
  name: string;
  owns?: (config: ConfigService<Env, true>) => JetStreamResources;
  requires?: RequiredResources;
}

/** The app's NATS connection (NatsClient, global) and its GET /health, to which the app may add checks (HealthChecks). */
@Module({})
export class NatsModule {
  static forRoot<Env extends NatsEnvironment>(options: NatsModuleOptions<Env>): DynamicModule {
    return {
      module: NatsModule,
      global: true,
      imports: [TerminusModule.forRoot({ logger: false })],
      controllers: [HealthController],
      providers: [
        {
          provide: NATS_OPTIONS,
          inject: [ConfigService],
          useFactory: (config: ConfigService<Env, true>): NatsOptions => ({
            name: options.name,
            servers: natsServers((config as ConfigService<NatsEnvironment, true>).get('NATS_URL')),
            owns: options.owns?.(config) ?? {},
            requires: options.requires ?? {},
          }),
        },
        NatsClient,
        HealthChecks,
      ],
      exports: [NatsClient, HealthChecks],
    };
  }
}
