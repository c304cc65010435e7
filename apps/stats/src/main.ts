import { runHttpApp } from '@tradeflow/platform';
import { AppModule } from './app/app.module';
import { configureStats } from './app/configure-app';

void runHttpApp(AppModule, configureStats);
