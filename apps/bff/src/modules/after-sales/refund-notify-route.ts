/**
 * POST /api/channel/refunds/notify: the payment gateway's refund notification, signed with the
 * order's channel key and secret like every channel request. No Idempotency-Key: gateways do
 * not send one, and none is needed — a notification applies once by the refund's own state,
 * and a repeat is answered 200 with the refund as it is (so the gateway stops re-sending).
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import { ChannelSignedHeaders, RefundNotify, RefundNotifyResponse } from '@siyu/shared';
import type { Deps } from '../../deps.js';
import type { AppEnv } from '../../env.js';
import { auditContextOf } from '../../lib/request-context.js';
import { defineRoute, errorResponse, json, jsonBody } from '../../lib/route.js';
import { signedChannelOf } from '../channel/routes.js';
import { channelActor } from '../channel/signed-channel.js';
import { recordRefundNotification } from './refund-notify.js';

const notifyRoute = defineRoute(
  { channel: true },
  {
    method: 'post',
    path: '/api/channel/refunds/notify',
    tags: ['channel'],
    summary:
      'Refund notification (SUCCESS, ABNORMAL or CLOSED): applied once whatever the repeats and their order; answers the refund’s status',
    request: { headers: ChannelSignedHeaders, body: jsonBody(RefundNotify) },
    responses: {
      200: json(RefundNotifyResponse, 'Recorded, or already recorded'),
      404: errorResponse('No such refund of this channel’s orders'),
      409: errorResponse(
        'CONFLICT: a success after its failure whose amount was spent since (reconcile by hand)',
      ),
      422: errorResponse('PAYMENT_AMOUNT_MISMATCH: not the amount of the refund'),
    },
  },
);

export function refundNotifyRoutes(app: OpenAPIHono<AppEnv>, deps: Deps) {
  return app.openapi(notifyRoute, async (c) => {
    const channel = signedChannelOf(c);
    const ctx = { ...auditContextOf(c, deps), actor: channelActor(channel) };
    const data = await recordRefundNotification(deps.db, channel.id, c.req.valid('json'), ctx);
    return c.json({ data }, 200);
  });
}
