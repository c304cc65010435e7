import { ConfigService } from '@nestjs/config';
import {
  ConnectedSocket,
  MessageBody,
  type OnGatewayConnection,
  type OnGatewayDisconnect,
  type OnGatewayInit,
  SubscribeMessage,
  WebSocketGateway,
} from '@nestjs/websockets';
import { requestedFeed } from '@tradeflow/contract';
import type { StatsEnvironment } from '../app/stats.environment';
import type { ClientSocket } from './client-socket';
import { EventsBroadcaster } from './events.broadcaster';
import { UpgradeOrigins } from './upgrade-origins';

/** The part of a `ws` WebSocketServer set here: its options, used for every later upgrade. */
interface WsServer {
  options: {
    maxPayload: number;
    verifyClient: UpgradeOrigins['verifyClient'];
  };
}

/**
 * /ws on the HTTP port (WsAdapter). Messages are JSON `{"event": …, "data": …}`. The only one a
 * client may send is `subscribe`; anything else (invalid JSON, another event, bad data) is
 * dropped by WsAdapter or here, unanswered, and a frame over WS_MAX_PAYLOAD_BYTES closes the
 * socket with 1009. An upgrade from a page of another origin is refused with 403 (UpgradeOrigins).
 */
@WebSocketGateway({ path: '/ws' })
export class EventsGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect {
  private readonly maxPayload: number;
  private readonly origins: UpgradeOrigins;

  constructor(
    private readonly broadcaster: EventsBroadcaster,
    config: ConfigService<StatsEnvironment, true>,
  ) {
    this.maxPayload = config.get('WS_MAX_PAYLOAD_BYTES', { infer: true });
    this.origins = new UpgradeOrigins(config.get('WS_ALLOWED_ORIGINS', { infer: true }));
  }

  /** The decorator's options are fixed at compile time; the limit and origins come from the environment. */
  afterInit(server: WsServer): void {
    server.options.maxPayload = this.maxPayload;
    server.options.verifyClient = this.origins.verifyClient;
  }

  handleConnection(socket: ClientSocket): void {
    this.broadcaster.add(socket);
  }

  handleDisconnect(socket: ClientSocket): void {
    this.broadcaster.remove(socket);
  }

  /** `{"event":"subscribe","data":{"feed":"summary"}}`, or `"full"` to switch back. */
  @SubscribeMessage('subscribe')
  subscribe(@ConnectedSocket() socket: ClientSocket, @MessageBody() data: unknown): void {
    const feed = requestedFeed(data);
    if (feed) this.broadcaster.setFeed(socket, feed);
  }
}
