/**
 * Status verbs on a product, each with the permission the status machine names for it:
 * POST /api/products/{id}/submit|approve|reject|on-shelf|off-shelf|revise, and the bulk
 * shelf actions POST /api/products/bulk/on-shelf|off-shelf {ids} → a result per id.
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import {
  BulkIds,
  BulkResult,
  IdParam,
  NoBody,
  ProductDetail,
  ProductReject,
  type ProductTransition,
  productTransitions,
  recordResponse,
} from '@siyu/shared';
import type { Deps } from '../../deps.js';
import type { AppEnv } from '../../env.js';
import { auditContextOf } from '../../lib/request-context.js';
import { defineRoute, errorResponse, json, jsonBody } from '../../lib/route.js';
import { bulkTransition, transitionProduct } from './workflow.js';

const tags = ['products'];

const verbRoute = <B extends typeof NoBody | typeof ProductReject>(
  transition: ProductTransition,
  summary: string,
  body: B,
) =>
  defineRoute(
    { resource: 'products', action: productTransitions[transition].action },
    {
      method: 'post',
      path: `/api/products/{id}/${transition.replace('_', '-')}`,
      tags,
      summary,
      request: { params: IdParam, body: jsonBody(body) },
      responses: {
        200: json(recordResponse(ProductDetail), 'Moved'),
        404: errorResponse('No such product'),
        409: errorResponse('ILLEGAL_TRANSITION from the current status'),
        422: errorResponse('BUSINESS_RULE: not sellable (no SKU, or a SKU priced 0)'),
      },
    },
  );

const submitRoute = verbRoute('submit', 'Submit a draft or rejected product for review', NoBody);
const approveRoute = verbRoute('approve', 'Approve a product under review: it goes on sale', NoBody);
const rejectRoute = verbRoute('reject', 'Reject a product under review, with a reason', ProductReject);
const onShelfRoute = verbRoute('on_shelf', 'Put an inactive product back on sale', NoBody);
const offShelfRoute = verbRoute('off_shelf', 'Take an active product off sale', NoBody);
const reviseRoute = verbRoute('revise', 'Take a rejected product back to draft', NoBody);

const bulkRoute = (transition: 'on_shelf' | 'off_shelf') =>
  defineRoute(
    { resource: 'products', action: productTransitions[transition].action },
    {
      method: 'post',
      path: `/api/products/bulk/${transition.replace('_', '-')}`,
      tags,
      summary: `${transition === 'on_shelf' ? 'Put' : 'Take'} several products ${transition === 'on_shelf' ? 'on' : 'off'} sale; a result per id`,
      request: { body: jsonBody(BulkIds) },
      responses: { 200: json(BulkResult, 'One result per id') },
    },
  );

const bulkOnShelfRoute = bulkRoute('on_shelf');
const bulkOffShelfRoute = bulkRoute('off_shelf');

export function productWorkflowRoutes(app: OpenAPIHono<AppEnv>, deps: Deps) {
  const move = (
    id: number,
    transition: ProductTransition,
    ctx: ReturnType<typeof auditContextOf>,
    reason?: string,
  ) => transitionProduct(deps.db, id, transition, ctx, reason);
  // The bulk paths come first: /api/products/bulk/off-shelf would otherwise match /{id}/off-shelf.
  return app
    .openapi(bulkOnShelfRoute, async (c) =>
      c.json(
        await bulkTransition(deps.db, c.req.valid('json').ids, 'on_shelf', auditContextOf(c, deps)),
        200,
      ),
    )
    .openapi(bulkOffShelfRoute, async (c) =>
      c.json(
        await bulkTransition(deps.db, c.req.valid('json').ids, 'off_shelf', auditContextOf(c, deps)),
        200,
      ),
    )
    .openapi(submitRoute, async (c) =>
      c.json({ data: await move(c.req.valid('param').id, 'submit', auditContextOf(c, deps)) }, 200),
    )
    .openapi(approveRoute, async (c) =>
      c.json({ data: await move(c.req.valid('param').id, 'approve', auditContextOf(c, deps)) }, 200),
    )
    .openapi(rejectRoute, async (c) => {
      const { reason } = c.req.valid('json');
      return c.json(
        { data: await move(c.req.valid('param').id, 'reject', auditContextOf(c, deps), reason) },
        200,
      );
    })
    .openapi(onShelfRoute, async (c) =>
      c.json({ data: await move(c.req.valid('param').id, 'on_shelf', auditContextOf(c, deps)) }, 200),
    )
    .openapi(offShelfRoute, async (c) =>
      c.json({ data: await move(c.req.valid('param').id, 'off_shelf', auditContextOf(c, deps)) }, 200),
    )
    .openapi(reviseRoute, async (c) =>
      c.json({ data: await move(c.req.valid('param').id, 'revise', auditContextOf(c, deps)) }, 200),
    );
}
