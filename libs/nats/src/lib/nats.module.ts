import { type DynamicModule, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { TerminusModule } from '@nestjs/terminus';
import { HealthChecks } from './health/health-checks';
import { HealthController } from './health/health.controller';
import { NatsClient } from './nats.client';
import { CONNECTION_VARIABLES, type NatsConnectionEnvironment, natsConnectionOptions } from './connection-options';
import type { NatsEnvironment } from './nats.environment';
import { NATS_OPTIONS, type NatsOptions } from './nats.options';
import type { JetStreamResources, RequiredResources } from './resources';
import { shownServers } from './server-urls';

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
          useFactory: (config: ConfigService<Env, true>): NatsOptions => {
            const natsConfig = config as ConfigService<NatsEnvironment, true>;
            const environment = Object.fromEntries(
              CONNECTION_VARIABLES.map((variable) => [variable, natsConfig.get(variable)]),
            ) as NatsConnectionEnvironment;
            return {
              name: options.name,
              connection: natsConnectionOptions(environment),
              shownServers: shownServers(environment.NATS_URL),
              owns: options.owns?.(config) ?? {},
              requires: options.requires ?? {},
            };
          },
        },
        NatsClient,
        HealthChecks,
      ],
      exports: [NatsClient, HealthChecks],
    };
  }
}
