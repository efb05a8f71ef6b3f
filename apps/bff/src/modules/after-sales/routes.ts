/**
 * /api/refunds: the CS queue (list, counters, the options the console needs), one case with its
 * context, opening a case for a customer, claiming and assigning, and notes. The decisions on
 * a case (approve, reject, receive, refund) are in decision-routes.ts.
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import {
  AfterSalesAssign,
  AfterSalesCase,
  AfterSalesCounts,
  AfterSalesCreate,
  AfterSalesDetail,
  AfterSalesListQuery,
  AfterSalesNote,
  AfterSalesOptions,
  CaseEvent,
  IdParam,
  listResponse,
  type Role,
  recordResponse,
} from '@siyu/shared';
import type { Context } from 'hono';
import type { Deps } from '../../deps.js';
import type { AppEnv } from '../../env.js';
import { AppError } from '../../lib/errors.js';
import { auditContextOf } from '../../lib/request-context.js';
import { defineRoute, errorResponse, json, jsonBody } from '../../lib/route.js';
import { recentSettings } from '../settings/service.js';
import { assignCase, claimCase } from './claim.js';
import { createCase } from './create.js';
import { getCaseDetail } from './detail.js';
import { addCaseNote } from './notes.js';
import { caseCounts, listCases } from './queries.js';

const tags = ['refunds'];
const read = { resource: 'refunds', action: 'read' } as const;
const edit = { resource: 'refunds', action: 'edit' } as const;
const DetailResponse = recordResponse(AfterSalesDetail);

const listRoute = defineRoute(read, {
  method: 'get',
  path: '/api/refunds',
  tags,
  summary:
    'The CS queue (filter: AfterSalesFilter as JSON), or getMany with ids=; by default awaiting action by deadline (overdue first), then the rest newest first',
  request: { query: AfterSalesListQuery },
  responses: { 200: json(listResponse(AfterSalesCase), 'A page of cases') },
});

const countsRoute = defineRoute(read, {
  method: 'get',
  path: '/api/refunds/counts',
  tags,
  summary: 'Cases awaiting action, overdue, due soon, awaiting an admin, assigned to me, and per status',
  responses: { 200: json(AfterSalesCounts, 'The counters') },
});

const optionsRoute = defineRoute(read, {
  method: 'get',
  path: '/api/refunds/options',
  tags,
  summary: 'The reasons, reject templates, return address and amount limits the console uses',
  responses: { 200: json(AfterSalesOptions, 'From the shop settings') },
});

const getRoute = defineRoute(read, {
  method: 'get',
  path: '/api/refunds/{id}',
  tags,
  summary:
    'One case with its lines, refund, order and member context, timeline and the moves the role may make',
  request: { params: IdParam },
  responses: { 200: json(DetailResponse, 'The case'), 404: errorResponse('No such case') },
});

const createRoute = defineRoute(
  { resource: 'refunds', action: 'create' },
  {
    method: 'post',
    path: '/api/refunds',
    tags,
    summary: 'Open a case on a customer’s behalf (the same rules as the mini-program’s application)',
    request: { body: jsonBody(AfterSalesCreate) },
    responses: {
      201: json(DetailResponse, 'Requested'),
      404: errorResponse('No such order'),
      422: errorResponse(
        'ORDER_NOT_REFUNDABLE, AFTER_SALES_QUANTITY_EXCEEDED, REASON_UNKNOWN, REFUND_WINDOW_PASSED, REFUND_AMOUNT_EXCEEDED or BUSINESS_RULE',
      ),
    },
  },
);

const claimRoute = defineRoute(edit, {
  method: 'post',
  path: '/api/refunds/{id}/claim',
  tags,
  summary: 'Take the case (409 when a colleague has it, or it is over)',
  request: { params: IdParam },
  responses: { 200: json(DetailResponse, 'Claimed'), 404: errorResponse('No such case') },
});

const assignRoute = defineRoute(edit, {
  method: 'post',
  path: '/api/refunds/{id}/assign',
  tags,
  summary: 'Give the case to a colleague who may decide refunds, or to nobody (null)',
  request: { params: IdParam, body: jsonBody(AfterSalesAssign) },
  responses: {
    200: json(DetailResponse, 'Assigned'),
    404: errorResponse('No such case'),
    409: errorResponse('ILLEGAL_TRANSITION: the case is over'),
    422: errorResponse('BUSINESS_RULE: not an enabled colleague who may decide refunds'),
  },
});

const noteRoute = defineRoute(
  { resource: 'refunds', action: 'note' },
  {
    method: 'post',
    path: '/api/refunds/{id}/notes',
    tags,
    summary: 'Add an internal note to the case timeline (never shown to the customer)',
    request: { params: IdParam, body: jsonBody(AfterSalesNote) },
    responses: { 201: json(recordResponse(CaseEvent), 'The note'), 404: errorResponse('No such case') },
  },
);

function roleOf(c: Context<AppEnv>): Role {
  const user = c.get('user');
  if (!user) throw new AppError(401, 'UNAUTHENTICATED', 'Please sign in.');
  return user.role;
}

export function afterSalesRoutes(app: OpenAPIHono<AppEnv>, deps: Deps) {
  const detail = async (c: Context<AppEnv>, id: number) => getCaseDetail(deps.db, id, roleOf(c));
  return (
    app
      .openapi(listRoute, async (c) =>
        c.json(await listCases(deps.db, c.req.valid('query'), deps.clock()), 200),
      )
      // Before /{id}: neither is a case id.
      .openapi(countsRoute, async (c) =>
        c.json(await caseCounts(deps.db, deps.clock(), c.get('user')?.id ?? null), 200),
      )
      .openapi(optionsRoute, async (c) => {
        const s = await recentSettings(deps.db);
        return c.json(
          {
            data: {
              reasons: s.afterSalesReasons,
              rejectReasonTemplates: s.rejectReasonTemplates,
              returnAddress: s.returnAddress,
              refundApprovalLimit: s.refundApprovalLimit,
              bulkApproveMaxAmount: s.bulkApproveMaxAmount,
              csSlaHours: s.csSlaHours,
            },
          },
          200,
        );
      })
      .openapi(getRoute, async (c) => c.json({ data: await detail(c, c.req.valid('param').id) }, 200))
      .openapi(createRoute, async (c) => {
        const input = c.req.valid('json');
        const ctx = auditContextOf(c, deps);
        const created = await createCase(
          deps.db,
          { ...input, photos: [], source: 'staff', createdBy: ctx.actor.id },
          ctx,
        );
        return c.json({ data: await detail(c, created.id) }, 201);
      })
      .openapi(claimRoute, async (c) => {
        const { id } = c.req.valid('param');
        await claimCase(deps.db, id, auditContextOf(c, deps));
        return c.json({ data: await detail(c, id) }, 200);
      })
      .openapi(assignRoute, async (c) => {
        const { id } = c.req.valid('param');
        await assignCase(deps.db, id, c.req.valid('json').assigneeId, auditContextOf(c, deps));
        return c.json({ data: await detail(c, id) }, 200);
      })
      .openapi(noteRoute, async (c) => {
        const { id } = c.req.valid('param');
        const note = await addCaseNote(deps.db, id, c.req.valid('json'), auditContextOf(c, deps));
        return c.json({ data: note }, 201);
      })
  );
}
