/** /api/orders: the order desk's list, its status tabs' counts, and one order's detail. */
import type { OpenAPIHono } from '@hono/zod-openapi';
import {
  IdParam,
  listResponse,
  Order,
  OrderDetail,
  OrderListQuery,
  OrderStatusCounts,
  recordResponse,
} from '@siyu/shared';
import { z } from 'zod';
import type { Deps } from '../../deps.js';
import type { AppEnv } from '../../env.js';
import { defineRoute, errorResponse, json } from '../../lib/route.js';
import { getOrderDetail } from './detail.js';
import { listOrders, orderStatusCounts } from './queries.js';

const tags = ['orders'];
const read = { resource: 'orders', action: 'read' } as const;

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
  summary: 'One order with its lines, payment, masked address and timeline',
  request: { params: IdParam },
  responses: {
    200: json(recordResponse(OrderDetail), 'The order'),
    404: errorResponse('No such order'),
  },
});

export function orderRoutes(app: OpenAPIHono<AppEnv>, deps: Deps) {
  return app
    .openapi(listRoute, async (c) => c.json(await listOrders(deps.db, c.req.valid('query')), 200))
    .openapi(countsRoute, async (c) =>
      c.json(await orderStatusCounts(deps.db, c.req.valid('query').filter), 200),
    )
    .openapi(getRoute, async (c) =>
      c.json({ data: await getOrderDetail(deps.db, c.req.valid('param').id) }, 200),
    );
}
