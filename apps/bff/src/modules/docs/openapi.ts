/** The OpenAPI 3.1 document, generated from the registered route definitions. */
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';

export function openApiDocument(app: OpenAPIHono<AppEnv>) {
  app.openAPIRegistry.registerComponent('securitySchemes', 'session', {
    type: 'apiKey',
    in: 'cookie',
    name: 'siyu_session',
    description: 'Set by POST /api/auth/login',
  });
  let doc: ReturnType<typeof app.getOpenAPI31Document> | undefined;
  return () => {
    doc ??= app.getOpenAPI31Document({
      openapi: '3.1.0',
      info: {
        title: 'Siyu Back Office API',
        version: '0.1.0',
        description:
          'Back office of a private-domain social shop. Errors are always {"error":{"code","message","fields"?,"requestId"}}. ' +
          'Unsafe methods need Content-Type: application/json and a same-site Origin.',
      },
    });
    return doc;
  };
}
