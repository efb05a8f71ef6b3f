/** GET /api/health (the process answers) and GET /api/ready (database reachable, migrations applied). */
import type { OpenAPIHono } from '@hono/zod-openapi';
import { sql } from 'kysely';
import { z } from 'zod';
import { migrationsApplied } from '../../db/migrate.js';
import type { Deps } from '../../deps.js';
import type { AppEnv } from '../../env.js';
import { AppError } from '../../lib/errors.js';
import { defineRoute, errorResponse, json } from '../../lib/route.js';

const tags = ['system'];
const Status = z.object({ status: z.literal('ok') }).meta({ id: 'Status' });

const healthRoute = defineRoute(
  { public: true },
  {
    method: 'get',
    path: '/api/health',
    tags,
    summary: 'The process is up',
    responses: { 200: json(Status, 'Up') },
  },
);

const readyRoute = defineRoute(
  { public: true },
  {
    method: 'get',
    path: '/api/ready',
    tags,
    summary: 'The database answers and every migration has run',
    responses: { 200: json(Status, 'Ready'), 503: errorResponse('Not ready') },
  },
);

async function isReady(deps: Deps): Promise<boolean> {
  try {
    await sql`select 1`.execute(deps.db);
    return await migrationsApplied(deps.db);
  } catch (error) {
    deps.logger.error('readiness check failed', { error: String(error) });
    return false;
  }
}

export function systemRoutes(app: OpenAPIHono<AppEnv>, deps: Deps) {
  return app
    .openapi(healthRoute, (c) => c.json({ status: 'ok' as const }, 200))
    .openapi(readyRoute, async (c) => {
      if (!(await isReady(deps))) throw new AppError(503, 'INTERNAL', 'The database is not ready.');
      return c.json({ status: 'ok' as const }, 200);
    });
}
