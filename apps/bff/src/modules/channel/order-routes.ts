/**
 * The storefront's orders under /api/channel/: place, pay (the gateway's notification),
 * cancel while unpaid, confirm receipt once shipped, and read one. Writes are idempotent; every answer, a refusal too, is
 * stored with the key in the write's own transaction when it commits.
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import {
  ChannelOrderCancel,
  ChannelOrderConfirmReceipt,
  ChannelOrderCreate,
  ChannelOrderQuery,
  ChannelOrderResponse,
  ChannelSignedHeaders,
  ChannelWriteHeaders,
  OrderNoParam,
  PaymentNotify,
  PaymentNotifyResponse,
} from '@siyu/shared';
import type { Deps } from '../../deps.js';
import type { AppEnv } from '../../env.js';
import { notFound } from '../../lib/errors.js';
import { defineRoute, errorResponse, json, jsonBody } from '../../lib/route.js';
import { cancelByBuyer } from '../orders/cancel.js';
import { buyerOrder, channelOrderOf } from '../orders/channel-order.js';
import { confirmReceiptByBuyer } from '../orders/confirm-receipt.js';
import { recordChannelPayment } from '../orders/payment.js';
import { placeChannelOrder } from '../orders/placement.js';
import { idempotentWrite } from './idempotent-write.js';
import { signedChannelOf } from './routes.js';

const tags = ['channel'];
const idempotencyErrors = {
  409: errorResponse('IDEMPOTENCY_IN_FLIGHT, ILLEGAL_TRANSITION or ORDER_ALREADY_PAID'),
  422: errorResponse('IDEMPOTENCY_KEY_REUSED or a business rule (see the summary)'),
};

const placeRoute = defineRoute(
  { channel: true },
  {
    method: 'post',
    path: '/api/channel/orders',
    tags,
    summary:
      'Place an order: catalog prices, shipping from the templates, stock reserved (422 INSUFFICIENT_STOCK, PRODUCT_NOT_AVAILABLE, UNDELIVERABLE_REGION, COUPONS_NOT_SUPPORTED)',
    request: { headers: ChannelWriteHeaders, body: jsonBody(ChannelOrderCreate) },
    responses: { 201: json(ChannelOrderResponse, 'Placed, pending payment'), ...idempotencyErrors },
  },
);

const payRoute = defineRoute(
  { channel: true },
  {
    method: 'post',
    path: '/api/channel/payments/notify',
    tags,
    summary:
      'Payment notification: the amount must be the payable amount (422 PAYMENT_AMOUNT_MISMATCH); the same transaction again is answered as before',
    request: { headers: ChannelWriteHeaders, body: jsonBody(PaymentNotify) },
    responses: {
      200: json(PaymentNotifyResponse, 'Paid'),
      404: errorResponse('No such order in this channel'),
      ...idempotencyErrors,
    },
  },
);

const cancelRoute = defineRoute(
  { channel: true },
  {
    method: 'post',
    path: '/api/channel/orders/{orderNo}/cancel',
    tags,
    summary: 'The buyer cancels an unpaid order; its stock comes back',
    request: { headers: ChannelWriteHeaders, params: OrderNoParam, body: jsonBody(ChannelOrderCancel) },
    responses: {
      200: json(ChannelOrderResponse, 'Cancelled'),
      404: errorResponse('No such order for this buyer'),
      ...idempotencyErrors,
    },
  },
);

const confirmReceiptRoute = defineRoute(
  { channel: true },
  {
    method: 'post',
    path: '/api/channel/orders/{orderNo}/confirm-receipt',
    tags,
    summary: 'The buyer confirms a shipped order has arrived; it is completed',
    request: {
      headers: ChannelWriteHeaders,
      params: OrderNoParam,
      body: jsonBody(ChannelOrderConfirmReceipt),
    },
    responses: {
      200: json(ChannelOrderResponse, 'Completed'),
      404: errorResponse('No such order for this buyer'),
      ...idempotencyErrors,
    },
  },
);

const readRoute = defineRoute(
  { channel: true },
  {
    method: 'get',
    path: '/api/channel/orders/{orderNo}',
    tags,
    summary: 'One order, for its buyer',
    request: { headers: ChannelSignedHeaders, params: OrderNoParam, query: ChannelOrderQuery },
    responses: {
      200: json(ChannelOrderResponse, 'The order'),
      404: errorResponse('No such order for this buyer'),
    },
  },
);

export function channelOrderRoutes(app: OpenAPIHono<AppEnv>, deps: Deps) {
  return app
    .openapi(placeRoute, async (c) => {
      const order = c.req.valid('json');
      return idempotentWrite(c, deps, c.req.valid('header')['idempotency-key'], 201, (channel, ctx, store) =>
        placeChannelOrder(deps.db, channel.id, order, ctx, store),
      ) as never;
    })
    .openapi(payRoute, async (c) => {
      const notice = c.req.valid('json');
      return idempotentWrite(c, deps, c.req.valid('header')['idempotency-key'], 200, (channel, ctx, store) =>
        recordChannelPayment(deps.db, channel.id, notice, ctx, store),
      ) as never;
    })
    .openapi(cancelRoute, async (c) => {
      const { orderNo } = c.req.valid('param');
      const request = c.req.valid('json');
      return idempotentWrite(c, deps, c.req.valid('header')['idempotency-key'], 200, (channel, ctx, store) =>
        cancelByBuyer(deps.db, channel.id, orderNo, request, ctx, store),
      ) as never;
    })
    .openapi(confirmReceiptRoute, async (c) => {
      const { orderNo } = c.req.valid('param');
      const request = c.req.valid('json');
      return idempotentWrite(c, deps, c.req.valid('header')['idempotency-key'], 200, (channel, ctx, store) =>
        confirmReceiptByBuyer(deps.db, channel.id, orderNo, request, ctx, store),
      ) as never;
    })
    .openapi(readRoute, async (c) => {
      const channel = signedChannelOf(c);
      const { orderNo } = c.req.valid('param');
      const { openid } = c.req.valid('query');
      const order = await buyerOrder(deps.db, channel.id, orderNo, openid);
      if (!order) throw notFound('order');
      return c.json({ data: await channelOrderOf(deps.db, order) }, 200);
    });
}
