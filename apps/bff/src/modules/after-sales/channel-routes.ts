/**
 * The storefront's after-sales under /api/channel/after-sales: apply, withdraw, report the
 * return parcel, and read one case. The buyer is the openid within the signing channel (as for
 * orders); writes are idempotent, their answer stored with the key in the write's transaction.
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import {
  CaseNoParam,
  ChannelAfterSalesCreate,
  ChannelAfterSalesQuery,
  ChannelAfterSalesResponse,
  ChannelAfterSalesWithdraw,
  ChannelReturnShipment,
  ChannelSignedHeaders,
  ChannelWriteHeaders,
} from '@siyu/shared';
import type { Deps } from '../../deps.js';
import type { AppEnv } from '../../env.js';
import { notFound } from '../../lib/errors.js';
import { defineRoute, errorResponse, json, jsonBody } from '../../lib/route.js';
import { idempotentWrite } from '../channel/idempotent-write.js';
import { signedChannelOf } from '../channel/routes.js';
import { buyerOrder } from '../orders/channel-order.js';
import { buyerCaseId, toChannelCase } from './channel-case.js';
import { createCase } from './create.js';
import { recordReturnShipment } from './return-shipment.js';
import { withdrawByBuyer } from './withdraw.js';

const tags = ['channel'];
const writeErrors = {
  404: errorResponse('No such order or case for this buyer'),
  409: errorResponse('IDEMPOTENCY_IN_FLIGHT or ILLEGAL_TRANSITION'),
  422: errorResponse('IDEMPOTENCY_KEY_REUSED or a business rule (see the summary)'),
};

const applyRoute = defineRoute(
  { channel: true },
  {
    method: 'post',
    path: '/api/channel/after-sales',
    tags,
    summary:
      'Apply for after-sales on a paid order (422 ORDER_NOT_REFUNDABLE, AFTER_SALES_QUANTITY_EXCEEDED, REASON_UNKNOWN, REFUND_WINDOW_PASSED, REFUND_AMOUNT_EXCEEDED, BUSINESS_RULE for returning unshipped units)',
    request: { headers: ChannelWriteHeaders, body: jsonBody(ChannelAfterSalesCreate) },
    responses: { 201: json(ChannelAfterSalesResponse, 'Requested'), ...writeErrors },
  },
);

const withdrawRoute = defineRoute(
  { channel: true },
  {
    method: 'post',
    path: '/api/channel/after-sales/{caseNo}/withdraw',
    tags,
    summary: 'The customer withdraws the case before its refund starts; its units can be applied for again',
    request: { headers: ChannelWriteHeaders, params: CaseNoParam, body: jsonBody(ChannelAfterSalesWithdraw) },
    responses: { 200: json(ChannelAfterSalesResponse, 'Withdrawn'), ...writeErrors },
  },
);

const returnShipmentRoute = defineRoute(
  { channel: true },
  {
    method: 'post',
    path: '/api/channel/after-sales/{caseNo}/return-shipment',
    tags,
    summary: 'The customer reports the return parcel (an approved return awaiting the goods, once)',
    request: { headers: ChannelWriteHeaders, params: CaseNoParam, body: jsonBody(ChannelReturnShipment) },
    responses: { 200: json(ChannelAfterSalesResponse, 'Return parcel recorded'), ...writeErrors },
  },
);

const readRoute = defineRoute(
  { channel: true },
  {
    method: 'get',
    path: '/api/channel/after-sales/{caseNo}',
    tags,
    summary: 'One case, for its customer',
    request: { headers: ChannelSignedHeaders, params: CaseNoParam, query: ChannelAfterSalesQuery },
    responses: {
      200: json(ChannelAfterSalesResponse, 'The case'),
      404: errorResponse('No such case for this buyer'),
    },
  },
);

export function channelAfterSalesRoutes(app: OpenAPIHono<AppEnv>, deps: Deps) {
  return app
    .openapi(applyRoute, async (c) => {
      const { openid, orderNo, ...application } = c.req.valid('json');
      return idempotentWrite(
        c,
        deps,
        c.req.valid('header')['idempotency-key'],
        201,
        async (channel, ctx, store) => {
          const order = await buyerOrder(deps.db, channel.id, orderNo, openid);
          if (!order) throw notFound('order');
          let answer: unknown;
          await createCase(
            deps.db,
            { ...application, orderId: order.id, source: 'channel', createdBy: null },
            ctx,
            async (trx, caseRow) => {
              answer = await toChannelCase(trx, caseRow);
              await store(trx, answer);
            },
          );
          return answer;
        },
      ) as never;
    })
    .openapi(withdrawRoute, async (c) => {
      const { caseNo } = c.req.valid('param');
      const { openid } = c.req.valid('json');
      return idempotentWrite(c, deps, c.req.valid('header')['idempotency-key'], 200, (channel, ctx, store) =>
        withdrawByBuyer(deps.db, channel.id, caseNo, openid, ctx, store),
      ) as never;
    })
    .openapi(returnShipmentRoute, async (c) => {
      const { caseNo } = c.req.valid('param');
      const input = c.req.valid('json');
      return idempotentWrite(c, deps, c.req.valid('header')['idempotency-key'], 200, (channel, ctx, store) =>
        recordReturnShipment(deps.db, channel.id, caseNo, input, ctx, store),
      ) as never;
    })
    .openapi(readRoute, async (c) => {
      const channel = signedChannelOf(c);
      const { caseNo } = c.req.valid('param');
      const { openid } = c.req.valid('query');
      const caseId = await buyerCaseId(deps.db, channel.id, caseNo, openid);
      const row =
        caseId === undefined
          ? undefined
          : await deps.db
              .selectFrom('afterSalesCases')
              .selectAll()
              .where('id', '=', caseId)
              .executeTakeFirst();
      if (!row) throw notFound('after-sales case');
      return c.json({ data: await toChannelCase(deps.db, row) }, 200);
    });
}
