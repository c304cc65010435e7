import type { IncomingMessage } from 'node:http';
import { Logger } from '@nestjs/common';
import { OriginList } from '@tradeflow/platform';

/** What `ws` tells its verifyClient of an upgrade request, and how it takes the answer. */
interface UpgradeRequest {
  origin: string | undefined;
  req: IncomingMessage;
}
type UpgradeAnswer = (allowed: boolean, status?: number) => void;

/** Origins warned of; beyond them, refusals are logged at debug only. */
const WARNED_ORIGINS_MAX = 100;

/**
 * Which pages may open /ws: those of WS_ALLOWED_ORIGINS (by default loopback pages on any port).
 * A browser always sends Origin with an upgrade, so one without is no page (a script, the bench,
 * a test) and is let in: the check stops other sites' pages from reading the feed through their
 * visitors' browsers. The request's Host is no proof of the page's origin: a site whose name an
 * attacker re-resolves to this host (DNS rebinding) sends its own name as Host.
 */
export class UpgradeOrigins {
  private readonly logger = new Logger(UpgradeOrigins.name);
  private readonly listed: OriginList;
  private readonly warned = new Set<string>();

  constructor(setting: string) {
    this.listed = OriginList.parse(setting);
  }

  allows(origin: string | undefined): boolean {
    return origin === undefined || this.listed.allows(origin);
  }

  /** `ws`'s verifyClient: a refused upgrade is answered 403 and logged, at warn the first time per origin. */
  readonly verifyClient = ({ origin, req }: UpgradeRequest, answer: UpgradeAnswer): void => {
    if (this.allows(origin)) return answer(true);
    const message = `refused a WebSocket from origin ${JSON.stringify(origin)} to host ${JSON.stringify(req.headers.host)}: not in WS_ALLOWED_ORIGINS`;
    if (this.warned.has(String(origin)) || this.warned.size >= WARNED_ORIGINS_MAX) this.logger.debug(message);
    else {
      this.warned.add(String(origin));
      this.logger.warn(message);
    }
    answer(false, 403);
  };
}
