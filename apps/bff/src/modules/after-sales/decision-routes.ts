/**
 * The decisions on a case: approve (one, or small refund-only cases in bulk), reject, mark a
 * return received, start the refund by hand, send a failed refund again. Each runs its service
 * (one transaction); a refund it started is then sent to the gateway at once, after the commit,
 * so the answer already shows it on its way (a refund that could not be sent now is sent by the
 * refund-dispatch job). An If-Match header, when sent, must be the case's version.
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import {
  AfterSalesApprove,
  AfterSalesBulkApprove,
  AfterSalesDetail,
  AfterSalesReceive,
  AfterSalesReject,
  AfterSalesStartRefund,
  BulkResult,
  IdParam,
  recordResponse,
} from '@siyu/shared';
import type { Context } from 'hono';
import { z } from 'zod';
import { adaptersOf, type Deps } from '../../deps.js';
import type { AppEnv } from '../../env.js';
import { AppError } from '../../lib/errors.js';
import { requireIfMatch } from '../../lib/if-match.js';
import { auditContextOf } from '../../lib/request-context.js';
import { defineRoute, errorResponse, json, jsonBody } from '../../lib/route.js';
import { approveCase, bulkApprove } from './approve.js';
import { getCaseDetail } from './detail.js';
import { receiveReturn } from './receive.js';
import { dispatchRefund } from './refund-dispatch.js';
import { retryRefundByStaff } from './refund-retry.js';
import { startRefundByStaff } from './refund-start.js';
import { rejectCase } from './reject.js';

const tags = ['refunds'];
const approve = { resource: 'refunds', action: 'approve' } as const;
const DetailResponse = recordResponse(AfterSalesDetail);

const OptionalIfMatchHeader = z.object({
  'if-match': z
    .string()
    .optional()
    .meta({ description: 'The case version CS saw; when sent, a stale one is a 409.' }),
});

const caseErrors = {
  404: errorResponse('No such case'),
  409: errorResponse('ILLEGAL_TRANSITION (the case is not where this move starts) or VERSION_CONFLICT'),
};
const refundErrors = {
  422: errorResponse(
    'REFUND_AMOUNT_EXCEEDED (fields.amount), REFUND_COUNT_EXCEEDED or ORDER_NOT_REFUNDABLE (paid over a year ago, or closed)',
  ),
};

const approveRoute = defineRoute(approve, {
  method: 'post',
  path: '/api/refunds/{id}/approve',
  tags,
  summary:
    'Approve, for the amount asked or less (never above the refund limit). Above the approval limit a non-admin approval is the first of two and an admin completes it. A refund-only case starts its refund; a return waits for the goods.',
  request: { params: IdParam, headers: OptionalIfMatchHeader, body: jsonBody(AfterSalesApprove) },
  responses: {
    200: json(DetailResponse, 'The case as it is now: refunding, awaiting the return, or awaiting an admin'),
    403: errorResponse('FORBIDDEN: the role may not, or an admin must approve this amount'),
    ...caseErrors,
    ...refundErrors,
  },
});

const bulkApproveRoute = defineRoute(approve, {
  method: 'post',
  path: '/api/refunds/bulk/approve',
  tags,
  summary:
    'Approve small refund-only cases (requested, at most the bulk-approve amount), each on its own; NOT_ELIGIBLE_FOR_BULK for the others',
  request: { body: jsonBody(AfterSalesBulkApprove) },
  responses: { 200: json(BulkResult, 'A result per id') },
});

const rejectRoute = defineRoute(
  { resource: 'refunds', action: 'reject' },
  {
    method: 'post',
    path: '/api/refunds/{id}/reject',
    tags,
    summary: 'Reject with a reason the customer reads; the units go back to the order',
    request: { params: IdParam, headers: OptionalIfMatchHeader, body: jsonBody(AfterSalesReject) },
    responses: { 200: json(DetailResponse, 'Rejected'), ...caseErrors },
  },
);

const receiveRoute = defineRoute(
  { resource: 'refunds', action: 'edit' },
  {
    method: 'post',
    path: '/api/refunds/{id}/receive',
    tags,
    summary:
      'The returned goods arrived: each line’s units sellable (back to stock, ledger refund_restock) or damaged; all sellable starts the refund',
    request: { params: IdParam, headers: OptionalIfMatchHeader, body: jsonBody(AfterSalesReceive) },
    responses: { 200: json(DetailResponse, 'Returned, or refunding'), ...caseErrors },
  },
);

const startRefundRoute = defineRoute(approve, {
  method: 'post',
  path: '/api/refunds/{id}/start-refund',
  tags,
  summary: 'Start the refund of received goods, for the approved amount or less',
  request: { params: IdParam, headers: OptionalIfMatchHeader, body: jsonBody(AfterSalesStartRefund) },
  responses: { 200: json(DetailResponse, 'Refunding'), ...caseErrors, ...refundErrors },
});

const retryRefundRoute = defineRoute(approve, {
  method: 'post',
  path: '/api/refunds/{id}/retry-refund',
  tags,
  summary: 'Send a failed refund again, with the same refund number',
  request: { params: IdParam, headers: OptionalIfMatchHeader, body: jsonBody(z.strictObject({})) },
  responses: { 200: json(DetailResponse, 'Refunding'), ...caseErrors, ...refundErrors },
});

/** If-Match when sent (409 when stale), nothing when not. */
const optionalIfMatch = (c: Context) => ({
  expectedVersion: c.req.header('if-match')?.trim() ? requireIfMatch(c) : undefined,
});

function roleOf(c: Context<AppEnv>) {
  const user = c.get('user');
  if (!user) throw new AppError(401, 'UNAUTHENTICATED', 'Please sign in.');
  return user.role;
}

export function decisionRoutes(app: OpenAPIHono<AppEnv>, deps: Deps) {
  const dispatcher = { db: deps.db, gateway: adaptersOf(deps).paymentGateway, clock: deps.clock };
  /** After the commit: to the gateway now; if that fails, the refund-dispatch job sends it. */
  const dispatchNow = async (c: Context<AppEnv>, refundIds: readonly (number | null)[]) => {
    for (const refundId of refundIds) {
      if (refundId === null) continue;
      try {
        await dispatchRefund(dispatcher, refundId, { requestId: c.get('requestId') });
      } catch (error) {
        deps.logger.error('refund dispatch failed; the job will send it', {
          refundId,
          error: error instanceof Error ? error.stack : String(error),
        });
      }
    }
  };
  const detail = async (c: Context<AppEnv>, id: number) =>
    c.json({ data: await getCaseDetail(deps.db, id, roleOf(c)) }, 200);

  return (
    app
      // Before /{id}/approve: "bulk" is not a case id.
      .openapi(bulkApproveRoute, async (c) => {
        const { results, refundIds } = await bulkApprove(
          deps.db,
          c.req.valid('json').ids,
          auditContextOf(c, deps),
        );
        await dispatchNow(c, refundIds);
        return c.json({ data: results }, 200);
      })
      .openapi(approveRoute, async (c) => {
        const { id } = c.req.valid('param');
        const options = optionalIfMatch(c);
        const approved = await approveCase(
          deps.db,
          id,
          c.req.valid('json'),
          auditContextOf(c, deps),
          options,
        );
        await dispatchNow(c, [approved.refundId]);
        return detail(c, id);
      })
      .openapi(rejectRoute, async (c) => {
        const { id } = c.req.valid('param');
        const options = optionalIfMatch(c);
        await rejectCase(deps.db, id, c.req.valid('json'), auditContextOf(c, deps), options);
        return detail(c, id);
      })
      .openapi(receiveRoute, async (c) => {
        const { id } = c.req.valid('param');
        const options = optionalIfMatch(c);
        const received = await receiveReturn(
          deps.db,
          id,
          c.req.valid('json'),
          auditContextOf(c, deps),
          options,
        );
        await dispatchNow(c, [received.refundId]);
        return detail(c, id);
      })
      .openapi(startRefundRoute, async (c) => {
        const { id } = c.req.valid('param');
        const options = optionalIfMatch(c);
        const started = await startRefundByStaff(
          deps.db,
          id,
          c.req.valid('json'),
          auditContextOf(c, deps),
          options,
        );
        await dispatchNow(c, [started.refund.id]);
        return detail(c, id);
      })
      .openapi(retryRefundRoute, async (c) => {
        const { id } = c.req.valid('param');
        const options = optionalIfMatch(c);
        const refund = await retryRefundByStaff(deps.db, id, auditContextOf(c, deps), options);
        await dispatchNow(c, [refund.id]);
        return detail(c, id);
      })
  );
}
