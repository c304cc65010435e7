import { runHttpApp } from '@tradeflow/platform';
import { AppModule } from './app/app.module';

void runHttpApp(AppModule);
