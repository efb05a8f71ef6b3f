/**
 * /api/channel/*: what the storefront calls, signed (signature-guard.ts) and, for writes,
 * idempotent. Visit events live here; orders and payments add their routes beside them.
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import { ChannelWriteHeaders, VisitEventBatch, VisitEventBatchResponse } from '@siyu/shared';
import type { Context } from 'hono';
import type { Deps } from '../../deps.js';
import type { AppEnv } from '../../env.js';
import { AppError } from '../../lib/errors.js';
import { answerText, idempotentHeaders, recordAnswer, runIdempotent } from '../../lib/idempotency.js';
import { defineRoute, errorResponse, json, jsonBody } from '../../lib/route.js';
import type { SignedChannel } from './signed-channel.js';
import { recordVisitEvents } from './visit-events.js';

const tags = ['channel'];

/** The verified channel of the request (the access guard lets no channel route run without one). */
export function signedChannelOf(c: Context<AppEnv>): SignedChannel {
  const channel = c.get('channel');
  if (!channel) throw new AppError(401, 'UNAUTHENTICATED', 'Sign the request as a channel.');
  return channel;
}

const eventsRoute = defineRoute(
  { channel: true },
  {
    method: 'post',
    path: '/api/channel/events',
    tags,
    summary: 'Report a batch of visit events (page, product, cart, checkout), signed and idempotent',
    request: { headers: ChannelWriteHeaders, body: jsonBody(VisitEventBatch) },
    responses: {
      202: json(VisitEventBatchResponse, 'Stored; replays carry Idempotent-Replayed: true'),
      409: errorResponse('IDEMPOTENCY_IN_FLIGHT: the first request with this key is still running'),
      422: errorResponse('IDEMPOTENCY_KEY_REUSED: the key was used for another request'),
    },
  },
);

export function channelApiRoutes(app: OpenAPIHono<AppEnv>, deps: Deps) {
  return app.openapi(eventsRoute, async (c) => {
    const channel = signedChannelOf(c);
    const { events } = c.req.valid('json');
    const result = await runIdempotent(
      deps.db,
      {
        channelId: channel.id,
        key: c.req.valid('header')['idempotency-key'],
        requestHash: channel.requestHash,
      },
      { now: deps.clock(), requestId: c.get('requestId') },
      async (claimed) => {
        const answerOf = (accepted: number) => ({ status: 202 as const, body: { data: { accepted } } });
        const accepted = await recordVisitEvents(deps.db, channel.id, events, deps.clock(), (trx, n) =>
          recordAnswer(trx, claimed, { status: 202, bodyText: answerText(answerOf(n)) }),
        );
        return answerOf(accepted);
      },
    );
    // The stored text of the first answer, sent byte for byte: one of the statuses declared above.
    return c.body(result.bodyText, result.status, idempotentHeaders(result)) as never;
  });
}
