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
  app.openAPIRegistry.registerComponent('securitySchemes', 'channelSignature', {
    type: 'apiKey',
    in: 'header',
    name: 'X-Signature',
    description:
      'Storefront channels: X-Channel-Key, X-Timestamp (unix seconds, ±300 s) and X-Signature = hex HMAC-SHA256(secret, timestamp + "." + raw body); writes also send Idempotency-Key.',
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
