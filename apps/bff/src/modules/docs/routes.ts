/** GET /api/openapi.json and the Swagger UI at /api/docs. */
import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import type { AppEnv } from '../../env.js';
import { notFound } from '../../lib/errors.js';
import { defineRoute, errorResponse } from '../../lib/route.js';
import { openApiDocument } from './openapi.js';
import {
  contentTypeOf,
  docsInitScript,
  docsPage,
  isSwaggerAsset,
  readSwaggerAsset,
} from './swagger-assets.js';

const tags = ['docs'];

const openApiRoute = defineRoute(
  { public: true },
  {
    method: 'get',
    path: '/api/openapi.json',
    tags,
    summary: 'This OpenAPI 3.1 document',
    responses: {
      200: {
        description: 'The document',
        content: { 'application/json': { schema: z.object({}).passthrough() } },
      },
    },
  },
);

const docsRoute = defineRoute(
  { public: true },
  {
    method: 'get',
    path: '/api/docs',
    tags,
    summary: 'Swagger UI',
    responses: { 200: { description: 'HTML page', content: { 'text/html': { schema: z.string() } } } },
  },
);

const initRoute = defineRoute(
  { public: true },
  {
    method: 'get',
    path: '/api/docs/init.js',
    tags,
    summary: "Swagger UI's start script",
    responses: { 200: { description: 'Script', content: { 'text/javascript': { schema: z.string() } } } },
  },
);

const assetRoute = defineRoute(
  { public: true },
  {
    method: 'get',
    path: '/api/docs/assets/{file}',
    tags,
    summary: 'Swagger UI files from the installed swagger-ui-dist package',
    request: { params: z.object({ file: z.string().max(64) }) },
    responses: {
      200: { description: 'A file', content: { 'application/octet-stream': { schema: z.string() } } },
      404: errorResponse('No such file'),
    },
  },
);

const ONE_DAY = 'public, max-age=86400';

export function docsRoutes(app: OpenAPIHono<AppEnv>) {
  const document = openApiDocument(app);
  return app
    .openapi(openApiRoute, (c) => c.json(document() as unknown as Record<string, never>, 200))
    .openapi(docsRoute, (c) => c.html(docsPage))
    .openapi(initRoute, (c) =>
      c.body(docsInitScript, 200, { 'Content-Type': 'text/javascript; charset=utf-8' }),
    )
    .openapi(assetRoute, async (c) => {
      const { file } = c.req.valid('param');
      if (!isSwaggerAsset(file)) throw notFound('file');
      const content = await readSwaggerAsset(file);
      return c.body(new Uint8Array(content), 200, {
        'Content-Type': contentTypeOf(file),
        'Cache-Control': ONE_DAY,
      });
    });
}
