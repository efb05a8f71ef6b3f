/**
 * A channel write under its Idempotency-Key: the work runs once, its answer (a refusal too) is
 * stored with the key — in the work's own transaction when it passes `store` there — and sent
 * back byte for byte, the first time and on every replay.
 */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Deps } from '../../deps.js';
import type { AppEnv } from '../../env.js';
import type { AuditContext } from '../../lib/audit.js';
import { answerText, idempotentHeaders, recordAnswer, runIdempotent } from '../../lib/idempotency.js';
import { auditContextOf } from '../../lib/request-context.js';
import { signedChannelOf } from './routes.js';
import { channelActor, type SignedChannel } from './signed-channel.js';

export type Store = (trx: Kysely<Database>, body: unknown) => Promise<void>;

/** Runs a channel write under its Idempotency-Key and sends the (first) answer byte for byte. */
export async function idempotentWrite(
  c: Context<AppEnv>,
  deps: Deps,
  idempotencyKey: string,
  status: ContentfulStatusCode,
  work: (channel: SignedChannel, ctx: AuditContext, store: Store) => Promise<unknown>,
) {
  const channel = signedChannelOf(c);
  const ctx = { ...auditContextOf(c, deps), actor: channelActor(channel) };
  const result = await runIdempotent(
    deps.db,
    { channelId: channel.id, key: idempotencyKey, requestHash: channel.requestHash },
    { now: ctx.at, requestId: c.get('requestId') },
    async (claimed) => {
      const answerOf = (data: unknown) => ({ status, body: { data } });
      const data = await work(channel, ctx, (trx, body) =>
        recordAnswer(trx, claimed, { status, bodyText: answerText(answerOf(body)) }),
      );
      return answerOf(data);
    },
  );
  return c.body(result.bodyText, result.status, idempotentHeaders(result));
}
