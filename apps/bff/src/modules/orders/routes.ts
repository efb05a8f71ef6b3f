/**
 * /api/orders: the order desk's list, its status tabs' counts, one order's detail, and the
 * fulfilment verbs on an order — ship a parcel, fix the address before shipping, add a note,
 * reveal the address.
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import {
  IdParam,
  listResponse,
  Order,
  OrderAddress,
  OrderAddressUpdate,
  OrderDetail,
  OrderListQuery,
  OrderNote,
  OrderNoteCreate,
  OrderStatusCounts,
  recordResponse,
  ShipmentCreate,
} from '@siyu/shared';
import type { Context } from 'hono';
import { z } from 'zod';
import type { Deps } from '../../deps.js';
import type { AppEnv } from '../../env.js';
import { requireIfMatch } from '../../lib/if-match.js';
import { auditContextOf } from '../../lib/request-context.js';
import { defineRoute, errorResponse, json, jsonBody } from '../../lib/route.js';
import { IfMatchHeader } from '../../lib/schemas.js';
import { updateOrderAddress } from './address.js';
import { getOrderDetail } from './detail.js';
import { addOrderNote } from './notes.js';
import { listOrders, orderStatusCounts } from './queries.js';
import { revealOrderAddress } from './reveal.js';
import { shipOrder } from './ship.js';

const tags = ['orders'];
const read = { resource: 'orders', action: 'read' } as const;
const ship = { resource: 'orders', action: 'ship' } as const;

const OptionalIfMatchHeader = z.object({
  'if-match': z
    .string()
    .optional()
    .meta({ description: 'The order version the operator saw; when sent, a stale one is a 409.' }),
});

/** If-Match when sent (409 when stale), nothing when not. */
const optionalIfMatch = (c: Context) => (c.req.header('if-match')?.trim() ? requireIfMatch(c) : undefined);

const listRoute = defineRoute(read, {
  method: 'get',
  path: '/api/orders',
  tags,
  summary: 'List orders (filter: OrderFilter as JSON), or getMany with ids=; phones and names masked',
  request: { query: OrderListQuery },
  responses: { 200: json(listResponse(Order), 'A page of orders') },
});

const countsRoute = defineRoute(read, {
  method: 'get',
  path: '/api/orders/status-counts',
  tags,
  summary: 'Orders per status under the filter (OrderFilter as JSON) minus its status, for the tabs',
  request: { query: z.object({ filter: z.string().optional() }) },
  responses: { 200: json(OrderStatusCounts, 'A count for every status') },
});

const getRoute = defineRoute(read, {
  method: 'get',
  path: '/api/orders/{id}',
  tags,
  summary: 'One order with its lines, payment, masked address, shipments, notes and timeline',
  request: { params: IdParam },
  responses: {
    200: json(recordResponse(OrderDetail), 'The order'),
    404: errorResponse('No such order'),
  },
});

const shipRoute = defineRoute(ship, {
  method: 'post',
  path: '/api/orders/{id}/shipments',
  tags,
  summary:
    'Ship a parcel: carrier, tracking number (checked per carrier) and the units of each line; no items = every unit not yet shipped',
  request: { params: IdParam, headers: OptionalIfMatchHeader, body: jsonBody(ShipmentCreate) },
  responses: {
    201: json(recordResponse(OrderDetail), 'Shipped: the order as it is now'),
    404: errorResponse('No such order'),
    409: errorResponse('ILLEGAL_TRANSITION, SHIPMENT_EXCEEDS_ORDER, TRACKING_NO_TAKEN or VERSION_CONFLICT'),
    422: errorResponse('VALIDATION_FAILED: a listed line is not a line of this order'),
  },
});

const addressRoute = defineRoute(ship, {
  method: 'put',
  path: '/api/orders/{id}/address',
  tags,
  summary: 'Change the address before anything ships (If-Match: version); the shipping fee stays as ordered',
  request: { params: IdParam, headers: IfMatchHeader, body: jsonBody(OrderAddressUpdate) },
  responses: {
    200: json(recordResponse(OrderDetail), 'Saved: the order as it is now'),
    404: errorResponse('No such order'),
    409: errorResponse('ADDRESS_LOCKED or VERSION_CONFLICT'),
    422: errorResponse('UNDELIVERABLE_REGION'),
    428: errorResponse('PRECONDITION_REQUIRED: If-Match missing'),
  },
});

const noteRoute = defineRoute(
  { resource: 'orders', action: 'note' },
  {
    method: 'post',
    path: '/api/orders/{id}/notes',
    tags,
    summary: 'Add an internal note (never shown to the customer)',
    request: { params: IdParam, body: jsonBody(OrderNoteCreate) },
    responses: { 201: json(recordResponse(OrderNote), 'The note'), 404: errorResponse('No such order') },
  },
);

const revealRoute = defineRoute(
  { resource: 'orders', action: 'reveal' },
  {
    method: 'post',
    path: '/api/orders/{id}/reveal-address',
    tags,
    summary: "The order's whole address (audited)",
    request: { params: IdParam },
    responses: {
      200: json(recordResponse(OrderAddress), 'The address'),
      404: errorResponse('No such order'),
    },
  },
);

export function orderRoutes(app: OpenAPIHono<AppEnv>, deps: Deps) {
  return app
    .openapi(listRoute, async (c) => c.json(await listOrders(deps.db, c.req.valid('query')), 200))
    .openapi(countsRoute, async (c) =>
      c.json(await orderStatusCounts(deps.db, c.req.valid('query').filter), 200),
    )
    .openapi(getRoute, async (c) =>
      c.json({ data: await getOrderDetail(deps.db, c.req.valid('param').id) }, 200),
    )
    .openapi(shipRoute, async (c) => {
      const expectedVersion = optionalIfMatch(c);
      const { id } = c.req.valid('param');
      const order = await shipOrder(deps.db, id, c.req.valid('json'), auditContextOf(c, deps), {
        ...(expectedVersion === undefined ? {} : { expectedVersion }),
      });
      return c.json({ data: order }, 201);
    })
    .openapi(addressRoute, async (c) => {
      const version = requireIfMatch(c);
      const { id } = c.req.valid('param');
      const order = await updateOrderAddress(
        deps.db,
        id,
        version,
        c.req.valid('json'),
        auditContextOf(c, deps),
      );
      return c.json({ data: order }, 200);
    })
    .openapi(noteRoute, async (c) => {
      const { id } = c.req.valid('param');
      const note = await addOrderNote(deps.db, id, c.req.valid('json'), auditContextOf(c, deps));
      return c.json({ data: note }, 201);
    })
    .openapi(revealRoute, async (c) => {
      const address = await revealOrderAddress(deps.db, c.req.valid('param').id, auditContextOf(c, deps));
      c.header('cache-control', 'no-store');
      return c.json({ data: address }, 200);
    });
}
