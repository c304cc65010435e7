import { runHttpApp } from '@tradeflow/platform';
import { AppModule } from './app/app.module';
import { useWebSockets } from './app/web-sockets';

void runHttpApp(AppModule, useWebSockets);
