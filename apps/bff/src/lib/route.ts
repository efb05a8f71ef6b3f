/**
 * Every API route is declared here with who may call it. The registry is what the access
 * guard reads (deny by default: a route that is not in it is refused) and what tests walk.
 */
import { createRoute, type RouteConfig } from '@hono/zod-openapi';
import { type Action, ErrorBody, type Resource } from '@siyu/shared';

export type Permission = { [R in Resource]: { resource: R; action: Action<R> } }[Resource];
/** `channel`: a storefront request signed with a channel's secret (no staff session). */
export type Access = { public: true } | { authenticated: true } | { channel: true } | Permission;

export type RouteEntry = {
  method: string;
  /** OpenAPI form, /api/staff-users/{id}. */
  path: string;
  /** Hono form, /api/staff-users/:id. */
  routingPath: string;
  access: Access;
};

export const routeRegistry = new Map<string, RouteEntry>();

export const routeKey = (method: string, routingPath: string) => `${method.toUpperCase()} ${routingPath}`;

const errorContent = { 'application/json': { schema: ErrorBody } };
const err = (description: string) => ({ description, content: errorContent });

function standardErrors(access: Access) {
  return {
    400: err('Invalid input: `fields` names each invalid input path'),
    ...('public' in access
      ? {}
      : 'channel' in access
        ? { 401: err('Unknown or disabled channel, bad signature, or a timestamp outside ±300 s') }
        : { 401: err('Not signed in, or the session has expired') }),
    ...('resource' in access ? { 403: err('The role may not do this') } : {}),
    500: err('Unexpected error; only a generic message and the request id are returned'),
  };
}

function describeAccess(access: Access): string {
  if ('public' in access) return 'public';
  if ('authenticated' in access) return 'any signed-in user';
  if ('channel' in access) return 'signed channel request';
  return `${access.resource}:${access.action}`;
}

export function defineRoute<P extends string, R extends Omit<RouteConfig, 'path'> & { path: P }>(
  access: Access,
  config: R,
) {
  const withDocs = {
    ...config,
    responses: { ...standardErrors(access), ...config.responses },
    ...('public' in access
      ? {}
      : { security: [{ ['channel' in access ? 'channelSignature' : 'session']: [] }] }),
    'x-permission': describeAccess(access),
  } as R;
  const route = createRoute(withDocs);
  const routingPath = route.getRoutingPath();
  routeRegistry.set(routeKey(config.method, routingPath), {
    method: config.method.toUpperCase(),
    path: config.path,
    routingPath,
    access,
  });
  return route;
}

export const json = <S>(schema: S, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

export const jsonBody = <S>(schema: S) => ({
  required: true,
  content: { 'application/json': { schema } },
});

export const errorResponse = err;
