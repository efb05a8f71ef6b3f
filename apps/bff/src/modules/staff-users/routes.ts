/** /api/staff-users: list, read, create, edit (If-Match), reset password. */
import type { OpenAPIHono } from '@hono/zod-openapi';
import {
  IdParam,
  listResponse,
  recordResponse,
  StaffUser,
  StaffUserCreate,
  StaffUserListQuery,
  StaffUserResetPassword,
  StaffUserUpdate,
} from '@siyu/shared';
import type { Deps } from '../../deps.js';
import type { AppEnv } from '../../env.js';
import { requireIfMatch } from '../../lib/if-match.js';
import { auditContextOf } from '../../lib/request-context.js';
import { defineRoute, errorResponse, json, jsonBody } from '../../lib/route.js';
import { IfMatchHeader } from '../../lib/schemas.js';
import {
  createStaffUser,
  getStaffUser,
  listStaffUsers,
  resetStaffUserPassword,
  updateStaffUser,
} from './service.js';

const tags = ['staff-users'];

const listRoute = defineRoute(
  { resource: 'staff_users', action: 'read' },
  {
    method: 'get',
    path: '/api/staff-users',
    tags,
    summary: 'List staff users (filter: StaffUserFilter as JSON), or getMany with ids=',
    request: { query: StaffUserListQuery },
    responses: { 200: json(listResponse(StaffUser), 'A page of staff users') },
  },
);

const getRoute = defineRoute(
  { resource: 'staff_users', action: 'read' },
  {
    method: 'get',
    path: '/api/staff-users/{id}',
    tags,
    summary: 'One staff user',
    request: { params: IdParam },
    responses: { 200: json(recordResponse(StaffUser), 'The staff user'), 404: errorResponse('No such user') },
  },
);

const createRoute = defineRoute(
  { resource: 'staff_users', action: 'create' },
  {
    method: 'post',
    path: '/api/staff-users',
    tags,
    summary: 'Create a staff user',
    request: { body: jsonBody(StaffUserCreate) },
    responses: {
      201: json(recordResponse(StaffUser), 'Created'),
      409: errorResponse('USERNAME_TAKEN'),
    },
  },
);

const updateRoute = defineRoute(
  { resource: 'staff_users', action: 'edit' },
  {
    method: 'patch',
    path: '/api/staff-users/{id}',
    tags,
    summary: 'Edit a staff user (If-Match: version)',
    request: { params: IdParam, headers: IfMatchHeader, body: jsonBody(StaffUserUpdate) },
    responses: {
      200: json(recordResponse(StaffUser), 'Saved'),
      404: errorResponse('No such user'),
      409: errorResponse('VERSION_CONFLICT or LAST_ADMIN'),
      428: errorResponse('PRECONDITION_REQUIRED: If-Match missing'),
    },
  },
);

const resetPasswordRoute = defineRoute(
  { resource: 'staff_users', action: 'reset_password' },
  {
    method: 'post',
    path: '/api/staff-users/{id}/reset-password',
    tags,
    summary: "Set a new password for a staff user; ends that user's sessions",
    request: { params: IdParam, body: jsonBody(StaffUserResetPassword) },
    responses: { 200: json(recordResponse(StaffUser), 'Password reset'), 404: errorResponse('No such user') },
  },
);

export function staffUserRoutes(app: OpenAPIHono<AppEnv>, deps: Deps) {
  return app
    .openapi(listRoute, async (c) => c.json(await listStaffUsers(deps.db, c.req.valid('query')), 200))
    .openapi(getRoute, async (c) =>
      c.json({ data: await getStaffUser(deps.db, c.req.valid('param').id) }, 200),
    )
    .openapi(createRoute, async (c) => {
      const created = await createStaffUser(
        deps.db,
        deps.hasher,
        c.req.valid('json'),
        auditContextOf(c, deps),
      );
      return c.json({ data: created }, 201);
    })
    .openapi(updateRoute, async (c) => {
      const version = requireIfMatch(c);
      const { id } = c.req.valid('param');
      const saved = await updateStaffUser(deps.db, id, version, c.req.valid('json'), auditContextOf(c, deps));
      return c.json({ data: saved }, 200);
    })
    .openapi(resetPasswordRoute, async (c) => {
      const { id } = c.req.valid('param');
      const user = await resetStaffUserPassword(
        deps.db,
        deps.hasher,
        id,
        c.req.valid('json'),
        auditContextOf(c, deps),
      );
      return c.json({ data: user }, 200);
    });
}
