import type { IncomingMessage } from 'node:http';
import { Logger } from '@nestjs/common';
import { OriginList } from '@tradeflow/platform';

/** What `ws` tells its verifyClient of an upgrade request, and how it takes the answer. */
interface UpgradeRequest {
  origin: string | undefined;
  req: IncomingMessage;
}
type UpgradeAnswer = (allowed: boolean, status?: number) => void;

/**
 * Which pages may open /ws: the dashboard of the origin that served it (its Origin names the host
 * the request is for), and those of WS_ALLOWED_ORIGINS. A browser always sends Origin with an
 * upgrade, so one without is no page (a script, the bench, a test) and is let in: the check
 * stops other sites' pages from reading the feed through their visitors' browsers.
 */
export class UpgradeOrigins {
  private readonly logger = new Logger(UpgradeOrigins.name);
  private readonly listed: OriginList;

  constructor(setting: string) {
    this.listed = OriginList.parse(setting);
  }

  allows(origin: string | undefined, host: string | undefined): boolean {
    if (origin === undefined) return true;
    return this.listed.allows(origin) || isOriginOf(origin, host);
  }

  /** `ws`'s verifyClient: a refused upgrade is answered 403, and logged. */
  readonly verifyClient = ({ origin, req }: UpgradeRequest, answer: UpgradeAnswer): void => {
    const host = req.headers.host;
    if (this.allows(origin, host)) return answer(true);
    this.logger.warn(
      `refused a WebSocket from origin ${JSON.stringify(origin)} to host ${JSON.stringify(host)}: not the page's own origin, nor in WS_ALLOWED_ORIGINS`,
    );
    answer(false, 403);
  };
}

function isOriginOf(origin: string, host: string | undefined): boolean {
  try {
    return host !== undefined && new URL(origin).host === host.toLowerCase();
  } catch {
    // Not a URL: `null` from a sandboxed frame or a file.
    return false;
  }
}
