import { type DynamicModule, Module } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { LoggerModule } from 'nestjs-pino';
import { KeepAliveShutdown } from './keep-alive-shutdown';
import { ResponseHeaders } from './response-headers';
import { type RuntimeEnvironment, validateEnvironment } from './runtime.environment';

/**
 * Configuration validated from the environment, structured JSON logs (pino), the headers of every
 * response and a prompt HTTP shutdown, for every app. ConfigService is global, typed by the app's
 * environment class; so is ResponseHeaders, for a route served without Fastify.
 */
@Module({})
export class PlatformModule {
  static forApp(name: string, environment: new () => RuntimeEnvironment): DynamicModule {
    return {
      module: PlatformModule,
      global: true,
      providers: [KeepAliveShutdown, ResponseHeaders],
      exports: [ResponseHeaders],
      imports: [
        ConfigModule.forRoot({
          isGlobal: true,
          ignoreEnvFile: true,
          validate: validateEnvironment(environment),
        }),
        LoggerModule.forRootAsync({
          inject: [ConfigService],
          useFactory: (config: ConfigService<RuntimeEnvironment, true>) => ({
            pinoHttp: {
              name,
              level: config.get('LOG_LEVEL', { infer: true }),
            },
            // No per-request logger middleware: requests are not logged one by one (at thousands
            // a second that would be the main cost), and a request-bound child logger per request
            // costs as much as validating the trade.
            forRoutes: [],
          }),
        }),
      ],
    };
  }
}
