import { TRADE_RULES } from '@tradeflow/trade';

/** The trades a submission holds, as its body names them before they are validated. */
export interface SubmittedTrades {
  /** A batch's items (whatever they are), else 1: the submission itself. */
  count: number;
  /** Once per trade, the userId of each that names a well-formed one; a user's batch names it as often. */
  userIds: string[];
}

const isUserId = (userId: unknown, trade: Record<string, unknown>) =>
  TRADE_RULES.userId.every((rule) => rule.check(userId, trade));

function userIdOf(trade: unknown): string | undefined {
  if (typeof trade !== 'object' || trade === null) return undefined;
  const { userId } = trade as Record<string, unknown>;
  return isUserId(userId, trade as Record<string, unknown>) ? (userId as string) : undefined;
}

/** Of a body as parsed, or as unread (no JSON, or too large to read): then one submission of no user. */
export function submittedTrades(body: { ok: true; value: unknown } | { ok: false }): SubmittedTrades {
  if (!body.ok) return { count: 1, userIds: [] };
  const trades = Array.isArray(body.value) ? body.value : [body.value];
  // A loop, not flatMap, which costs four times as much: this runs for every request.
  const userIds: string[] = [];
  for (const trade of trades) {
    const userId = userIdOf(trade);
    if (userId !== undefined) userIds.push(userId);
  }
  return { count: trades.length, userIds };
}
