/** /api/settings: the list of one, the shop record, and its edit (If-Match). */
import type { OpenAPIHono } from '@hono/zod-openapi';
import {
  listQuery,
  listResponse,
  recordResponse,
  Settings,
  SettingsUpdate,
  SHOP_SETTINGS_ID,
} from '@siyu/shared';
import { z } from 'zod';
import type { Deps } from '../../deps.js';
import type { AppEnv } from '../../env.js';
import { requireIfMatch } from '../../lib/if-match.js';
import { auditContextOf } from '../../lib/request-context.js';
import { defineRoute, errorResponse, json, jsonBody } from '../../lib/route.js';
import { IfMatchHeader } from '../../lib/schemas.js';
import { getSettings, updateSettings } from './service.js';

const tags = ['settings'];
const ShopParam = z.object({ id: z.string().max(64).meta({ example: SHOP_SETTINGS_ID }) });

const listRoute = defineRoute(
  { resource: 'settings', action: 'read' },
  {
    method: 'get',
    path: '/api/settings',
    tags,
    summary: 'The settings records (there is one: "shop")',
    request: { query: listQuery(['id']) },
    responses: { 200: json(listResponse(Settings), 'The settings') },
  },
);

const getRoute = defineRoute(
  { resource: 'settings', action: 'read' },
  {
    method: 'get',
    path: '/api/settings/{id}',
    tags,
    summary: 'The shop settings',
    request: { params: ShopParam },
    responses: { 200: json(recordResponse(Settings), 'The shop settings') },
  },
);

const updateRoute = defineRoute(
  { resource: 'settings', action: 'edit' },
  {
    method: 'patch',
    path: '/api/settings/{id}',
    tags,
    summary: 'Edit the shop settings (If-Match: version)',
    request: { params: ShopParam, headers: IfMatchHeader, body: jsonBody(SettingsUpdate) },
    responses: {
      200: json(recordResponse(Settings), 'Saved'),
      409: errorResponse('VERSION_CONFLICT'),
      428: errorResponse('PRECONDITION_REQUIRED: If-Match missing'),
    },
  },
);

export function settingsRoutes(app: OpenAPIHono<AppEnv>, deps: Deps) {
  return app
    .openapi(listRoute, async (c) => c.json({ data: [await getSettings(deps.db)], total: 1 }, 200))
    .openapi(getRoute, async (c) =>
      c.json({ data: await getSettings(deps.db, c.req.valid('param').id) }, 200),
    )
    .openapi(updateRoute, async (c) => {
      const version = requireIfMatch(c);
      const { id } = c.req.valid('param');
      const saved = await updateSettings(deps.db, id, version, c.req.valid('json'), auditContextOf(c, deps));
      return c.json({ data: saved }, 200);
    });
}
