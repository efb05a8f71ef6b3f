/** /api/channels: the admin's storefront channels; the secret is shown on create and rotate only. */
import type { OpenAPIHono } from '@hono/zod-openapi';
import {
  Channel,
  ChannelCreate,
  ChannelListQuery,
  ChannelUpdate,
  ChannelWithSecret,
  IdParam,
  listResponse,
  recordResponse,
} from '@siyu/shared';
import type { Deps } from '../../deps.js';
import type { AppEnv } from '../../env.js';
import { requireIfMatch } from '../../lib/if-match.js';
import { auditContextOf } from '../../lib/request-context.js';
import { defineRoute, errorResponse, json, jsonBody } from '../../lib/route.js';
import { IfMatchHeader } from '../../lib/schemas.js';
import { createChannel, getChannel, listChannels, rotateChannelSecret, updateChannel } from './service.js';

const tags = ['channels'];

const listRoute = defineRoute(
  { resource: 'channels', action: 'read' },
  {
    method: 'get',
    path: '/api/channels',
    tags,
    summary: 'List channels (filter: ChannelFilter as JSON), or getMany with ids=',
    request: { query: ChannelListQuery },
    responses: { 200: json(listResponse(Channel), 'A page of channels') },
  },
);

const getRoute = defineRoute(
  { resource: 'channels', action: 'read' },
  {
    method: 'get',
    path: '/api/channels/{id}',
    tags,
    summary: 'One channel (never its secret)',
    request: { params: IdParam },
    responses: { 200: json(recordResponse(Channel), 'The channel'), 404: errorResponse('No such channel') },
  },
);

const createRoute = defineRoute(
  { resource: 'channels', action: 'create' },
  {
    method: 'post',
    path: '/api/channels',
    tags,
    summary: 'Create a channel; the answer carries its secret, shown this once',
    request: { body: jsonBody(ChannelCreate) },
    responses: {
      201: json(recordResponse(ChannelWithSecret), 'Created, with the secret'),
      409: errorResponse('CHANNEL_KEY_TAKEN'),
    },
  },
);

const updateRoute = defineRoute(
  { resource: 'channels', action: 'edit' },
  {
    method: 'patch',
    path: '/api/channels/{id}',
    tags,
    summary: 'Rename, enable or disable a channel (If-Match: version)',
    request: { params: IdParam, headers: IfMatchHeader, body: jsonBody(ChannelUpdate) },
    responses: {
      200: json(recordResponse(Channel), 'Saved'),
      404: errorResponse('No such channel'),
      409: errorResponse('VERSION_CONFLICT'),
      428: errorResponse('PRECONDITION_REQUIRED: If-Match missing'),
    },
  },
);

const rotateRoute = defineRoute(
  { resource: 'channels', action: 'edit' },
  {
    method: 'post',
    path: '/api/channels/{id}/rotate-secret',
    tags,
    summary: 'Issue a new secret (the old one stops working); the answer carries it, shown this once',
    request: { params: IdParam },
    responses: {
      200: json(recordResponse(ChannelWithSecret), 'The channel with its new secret'),
      404: errorResponse('No such channel'),
    },
  },
);

export function channelRoutes(app: OpenAPIHono<AppEnv>, deps: Deps) {
  return app
    .openapi(listRoute, async (c) => c.json(await listChannels(deps.db, c.req.valid('query')), 200))
    .openapi(getRoute, async (c) => c.json({ data: await getChannel(deps.db, c.req.valid('param').id) }, 200))
    .openapi(createRoute, async (c) => {
      const created = await createChannel(deps.db, c.req.valid('json'), auditContextOf(c, deps));
      c.header('cache-control', 'no-store');
      return c.json({ data: created }, 201);
    })
    .openapi(updateRoute, async (c) => {
      const version = requireIfMatch(c);
      const { id } = c.req.valid('param');
      const saved = await updateChannel(deps.db, id, version, c.req.valid('json'), auditContextOf(c, deps));
      return c.json({ data: saved }, 200);
    })
    .openapi(rotateRoute, async (c) => {
      const rotated = await rotateChannelSecret(deps.db, c.req.valid('param').id, auditContextOf(c, deps));
      c.header('cache-control', 'no-store');
      return c.json({ data: rotated }, 200);
    });
}
