/** POST /api/orders/{id}/shipment-reports/retry: send an order's failed platform reports again. */
import type { OpenAPIHono } from '@hono/zod-openapi';
import { IdParam, NoBody, OrderDetail, recordResponse } from '@siyu/shared';
import type { Deps } from '../../deps.js';
import type { AppEnv } from '../../env.js';
import { auditContextOf } from '../../lib/request-context.js';
import { defineRoute, errorResponse, json, jsonBody } from '../../lib/route.js';
import { getOrderDetail } from '../orders/detail.js';
import { retryFailedReports } from './retry.js';

const retryRoute = defineRoute(
  { resource: 'orders', action: 'ship' },
  {
    method: 'post',
    path: '/api/orders/{id}/shipment-reports/retry',
    tags: ['orders'],
    summary: "Move the order's failed shipping-info reports (发货信息录入) back to pending, due now",
    request: { params: IdParam, body: jsonBody(NoBody) },
    responses: {
      200: json(recordResponse(OrderDetail), 'The order, its reports pending again'),
      404: errorResponse('No such order'),
      409: errorResponse('BUSINESS_RULE: none of its reports has failed'),
    },
  },
);

export function shipmentReportRoutes(app: OpenAPIHono<AppEnv>, deps: Deps) {
  return app.openapi(retryRoute, async (c) => {
    const { id } = c.req.valid('param');
    await retryFailedReports(deps.db, id, auditContextOf(c, deps));
    return c.json({ data: await getOrderDetail(deps.db, id) }, 200);
  });
}
