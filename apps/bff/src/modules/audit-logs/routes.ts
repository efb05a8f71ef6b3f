/** /api/audit-logs: list with filters, read one, purge old rows. */
import type { OpenAPIHono } from '@hono/zod-openapi';
import {
  AuditLogEntry,
  AuditLogListQuery,
  AuditPurgeInput,
  IdParam,
  listResponse,
  recordResponse,
} from '@siyu/shared';
import { z } from 'zod';
import type { Deps } from '../../deps.js';
import type { AppEnv } from '../../env.js';
import { auditContextOf } from '../../lib/request-context.js';
import { defineRoute, errorResponse, json, jsonBody } from '../../lib/route.js';
import { getAuditLog, listAuditLogs, purgeAuditLogs } from './service.js';

const tags = ['audit-logs'];

const listRoute = defineRoute(
  { resource: 'audit_logs', action: 'read' },
  {
    method: 'get',
    path: '/api/audit-logs',
    tags,
    summary: 'List audit rows (filter: AuditLogFilter as JSON), or getMany with ids=',
    request: { query: AuditLogListQuery },
    responses: { 200: json(listResponse(AuditLogEntry), 'A page of audit rows') },
  },
);

const getRoute = defineRoute(
  { resource: 'audit_logs', action: 'read' },
  {
    method: 'get',
    path: '/api/audit-logs/{id}',
    tags,
    summary: 'One audit row',
    request: { params: IdParam },
    responses: {
      200: json(recordResponse(AuditLogEntry), 'The audit row'),
      404: errorResponse('No such row'),
    },
  },
);

const purgeRoute = defineRoute(
  { resource: 'audit_logs', action: 'purge' },
  {
    method: 'post',
    path: '/api/audit-logs/purge',
    tags,
    summary: 'Delete audit rows older than N days (N ≥ 180); the purge itself is audited',
    request: { body: jsonBody(AuditPurgeInput) },
    responses: { 200: json(recordResponse(z.object({ deleted: z.number().int() })), 'Rows deleted') },
  },
);

export function auditLogRoutes(app: OpenAPIHono<AppEnv>, deps: Deps) {
  return app
    .openapi(listRoute, async (c) => c.json(await listAuditLogs(deps.db, c.req.valid('query')), 200))
    .openapi(getRoute, async (c) =>
      c.json({ data: await getAuditLog(deps.db, c.req.valid('param').id) }, 200),
    )
    .openapi(purgeRoute, async (c) => {
      const { olderThanDays } = c.req.valid('json');
      return c.json({ data: await purgeAuditLogs(deps.db, olderThanDays, auditContextOf(c, deps)) }, 200);
    });
}
