/** GET /api/jobs/{id}: a background job's progress (status, done of total, row errors, result). */
import type { OpenAPIHono } from '@hono/zod-openapi';
import { IdParam, Job, recordResponse } from '@siyu/shared';
import type { Deps } from '../../deps.js';
import type { AppEnv } from '../../env.js';
import { AppError } from '../../lib/errors.js';
import { defineRoute, errorResponse, json } from '../../lib/route.js';
import { getJob } from './service.js';

const getRoute = defineRoute(
  { resource: 'jobs', action: 'read' },
  {
    method: 'get',
    path: '/api/jobs/{id}',
    tags: ['jobs'],
    summary: "A job's progress and outcome (only the creator's own jobs; admins see all)",
    request: { params: IdParam },
    responses: {
      200: json(recordResponse(Job), 'The job'),
      404: errorResponse('No such job, or not yours'),
    },
  },
);

export function jobRoutes(app: OpenAPIHono<AppEnv>, deps: Deps) {
  return app.openapi(getRoute, async (c) => {
    const user = c.get('user');
    if (!user) throw new AppError(401, 'UNAUTHENTICATED', 'Please sign in.');
    return c.json({ data: await getJob(deps.db, c.req.valid('param').id, user) }, 200);
  });
}
