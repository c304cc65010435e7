import { Module } from '@nestjs/common';
import { ViewModule } from '../view/view.module';
import { EventsBroadcaster } from './events.broadcaster';
import { EventsGateway } from './events.gateway';

@Module({
  imports: [ViewModule],
  providers: [EventsGateway, EventsBroadcaster],
})
export class EventsModule {}
