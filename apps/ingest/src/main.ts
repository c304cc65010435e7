import { runHttpApp } from '@tradeflow/platform';
import { AppModule } from './app/app.module';
import { serveApiDocs } from './docs/api-docs';

void runHttpApp(AppModule, serveApiDocs);
