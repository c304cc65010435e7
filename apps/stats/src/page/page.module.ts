import { Module } from '@nestjs/common';
import { PageController } from './page.controller';

/** GET /: a minimal live page, until the dashboard replaces it. */
@Module({ controllers: [PageController] })
export class PageModule {}
