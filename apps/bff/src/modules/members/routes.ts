/** /api/members: read-only for staff, the phone masked; reveal-phone is its own audited verb. */
import type { OpenAPIHono } from '@hono/zod-openapi';
import {
  IdParam,
  listResponse,
  Member,
  MemberListQuery,
  MemberPhoneRevealed,
  recordResponse,
} from '@siyu/shared';
import type { Deps } from '../../deps.js';
import type { AppEnv } from '../../env.js';
import { auditContextOf } from '../../lib/request-context.js';
import { defineRoute, errorResponse, json } from '../../lib/route.js';
import { getMember, listMembers, revealMemberPhone } from './service.js';

const tags = ['members'];

const listRoute = defineRoute(
  { resource: 'members', action: 'read' },
  {
    method: 'get',
    path: '/api/members',
    tags,
    summary: 'List members (filter: MemberFilter as JSON), or getMany with ids=; phones masked',
    request: { query: MemberListQuery },
    responses: { 200: json(listResponse(Member), 'A page of members') },
  },
);

const getRoute = defineRoute(
  { resource: 'members', action: 'read' },
  {
    method: 'get',
    path: '/api/members/{id}',
    tags,
    summary: 'One member; phone masked',
    request: { params: IdParam },
    responses: { 200: json(recordResponse(Member), 'The member'), 404: errorResponse('No such member') },
  },
);

const revealRoute = defineRoute(
  { resource: 'members', action: 'reveal' },
  {
    method: 'post',
    path: '/api/members/{id}/reveal-phone',
    tags,
    summary: "A member's whole phone number (audited)",
    request: { params: IdParam },
    responses: { 200: json(MemberPhoneRevealed, 'The phone'), 404: errorResponse('No such member') },
  },
);

export function memberRoutes(app: OpenAPIHono<AppEnv>, deps: Deps) {
  return app
    .openapi(listRoute, async (c) => c.json(await listMembers(deps.db, c.req.valid('query')), 200))
    .openapi(getRoute, async (c) => c.json({ data: await getMember(deps.db, c.req.valid('param').id) }, 200))
    .openapi(revealRoute, async (c) => {
      const revealed = await revealMemberPhone(deps.db, c.req.valid('param').id, auditContextOf(c, deps));
      c.header('cache-control', 'no-store');
      return c.json({ data: revealed }, 200);
    });
}
