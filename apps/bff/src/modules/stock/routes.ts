/** Stock: POST /api/skus/{id}/stock-adjustments (a delta with a reason) and the ledger list. */
import type { OpenAPIHono } from '@hono/zod-openapi';
import {
  IdParam,
  InventoryMovement,
  InventoryMovementListQuery,
  listResponse,
  recordResponse,
  StockAdjustment,
} from '@siyu/shared';
import type { Deps } from '../../deps.js';
import type { AppEnv } from '../../env.js';
import { auditContextOf } from '../../lib/request-context.js';
import { defineRoute, errorResponse, json, jsonBody } from '../../lib/route.js';
import { adjustStock, listMovements } from './service.js';

const tags = ['stock'];

const adjustRoute = defineRoute(
  { resource: 'stock', action: 'adjust' },
  {
    method: 'post',
    path: '/api/skus/{id}/stock-adjustments',
    tags,
    summary: "Change a SKU's stock by a delta, with a reason; writes a ledger line",
    request: { params: IdParam, body: jsonBody(StockAdjustment) },
    responses: {
      201: json(recordResponse(InventoryMovement), 'The ledger line'),
      404: errorResponse('No such SKU'),
      422: errorResponse('INSUFFICIENT_STOCK: stock cannot go below 0'),
    },
  },
);

const listRoute = defineRoute(
  { resource: 'stock', action: 'read' },
  {
    method: 'get',
    path: '/api/inventory-movements',
    tags,
    summary: 'The stock ledger (filter: InventoryMovementFilter as JSON)',
    request: { query: InventoryMovementListQuery },
    responses: { 200: json(listResponse(InventoryMovement), 'A page of ledger lines') },
  },
);

export function stockRoutes(app: OpenAPIHono<AppEnv>, deps: Deps) {
  return app
    .openapi(adjustRoute, async (c) => {
      const movement = await adjustStock(
        deps.db,
        c.req.valid('param').id,
        c.req.valid('json'),
        auditContextOf(c, deps),
      );
      return c.json({ data: movement }, 201);
    })
    .openapi(listRoute, async (c) => c.json(await listMovements(deps.db, c.req.valid('query')), 200));
}
