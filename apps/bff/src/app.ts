/**
 * Builds the HTTP app: middleware, every API route, the error envelope. No I/O at import;
 * the caller opens the database and passes it in.
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import { accessGuard } from './auth/access-guard.js';
import { createPasswordHasher, type PasswordHasher } from './auth/password.js';
import { sessionMiddleware } from './auth/session-middleware.js';
import type { Config } from './config.js';
import type { Db } from './db/connect.js';
import { type Deps, receiveRefundNotifications } from './deps.js';
import type { AppEnv } from './env.js';
import { accessLog } from './lib/access-log.js';
import { type Clock, systemClock } from './lib/clock.js';
import { csrfGuard } from './lib/csrf.js';
import { errorHandler, notFoundHandler } from './lib/error-handler.js';
import { AppError } from './lib/errors.js';
import { createLogger, type Logger } from './lib/logger.js';
import { requestId } from './lib/request-id.js';
import { validationHook } from './lib/validation-hook.js';
import { channelAfterSalesRoutes } from './modules/after-sales/channel-routes.js';
import { decisionRoutes } from './modules/after-sales/decision-routes.js';
import { refundNotifyRoutes } from './modules/after-sales/refund-notify-route.js';
import { afterSalesRoutes } from './modules/after-sales/routes.js';
import { auditLogRoutes } from './modules/audit-logs/routes.js';
import { authRoutes } from './modules/auth/routes.js';
import { catalogCsvRoutes } from './modules/catalog-csv/routes.js';
import { categoryRoutes } from './modules/categories/routes.js';
import { channelOrderRoutes } from './modules/channel/order-routes.js';
import { channelApiRoutes } from './modules/channel/routes.js';
import { channelSignatureGuard, isChannelRequest } from './modules/channel/signature-guard.js';
import { channelRoutes } from './modules/channels/routes.js';
import { docsRoutes } from './modules/docs/routes.js';
import { jobRoutes } from './modules/jobs/routes.js';
import { memberRoutes } from './modules/members/routes.js';
import { orderCsvRoutes } from './modules/order-csv/routes.js';
import { orderRoutes } from './modules/orders/routes.js';
import type { PaymentGateway } from './modules/payment-gateway/gateway.js';
import { productImageRoutes } from './modules/product-images/routes.js';
import { productRoutes } from './modules/products/routes.js';
import { productWorkflowRoutes } from './modules/products/workflow-routes.js';
import { settingsRoutes } from './modules/settings/routes.js';
import { shipmentReportRoutes } from './modules/shipment-reports/routes.js';
import { shippingTemplateRoutes } from './modules/shipping-templates/routes.js';
import { staffUserRoutes } from './modules/staff-users/routes.js';
import { stockRoutes } from './modules/stock/routes.js';
import { systemRoutes } from './modules/system/routes.js';

export { type RouteEntry, routeRegistry } from './lib/route.js';

/**
 * Storefront channel requests carry a signature, not a session cookie: CSRF (a browser riding
 * a cookie) does not apply to them, and a cookie they might carry makes nobody signed in.
 */
const staffOnly =
  (middleware: MiddlewareHandler<AppEnv>): MiddlewareHandler<AppEnv> =>
  (c, next) =>
    isChannelRequest(c.req.path) ? next() : middleware(c, next);

export type BuildAppOptions = {
  db: Db;
  config: Config;
  clock?: Clock;
  hasher?: PasswordHasher;
  logger?: Logger;
  /** The payment gateway's refunds; the simulator (notifying this app) when absent. */
  paymentGateway?: PaymentGateway;
};

export function buildApp(options: BuildAppOptions) {
  const deps: Deps = {
    db: options.db,
    config: options.config,
    clock: options.clock ?? systemClock,
    hasher: options.hasher ?? createPasswordHasher(options.config.argon2),
    logger: options.logger ?? createLogger(options.config.logLevel),
    ...(options.paymentGateway && { paymentGateway: options.paymentGateway }),
  };
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  // The simulated gateway tells this app a refund's outcome through its own front door.
  receiveRefundNotifications(deps.db, async (request) => app.fetch(request));

  app.use('*', requestId(), accessLog(deps.logger), secureHeaders());
  app.use(
    '/api/*',
    staffOnly(csrfGuard(deps.config.trustProxy)),
    bodyLimit({
      maxSize: deps.config.bodyLimitBytes,
      onError: () => {
        throw new AppError(413, 'PAYLOAD_TOO_LARGE', 'The request body is too large (1 MB at most).');
      },
    }),
    channelSignatureGuard(deps),
    staffOnly(sessionMiddleware(deps)),
    accessGuard(deps),
  );

  systemRoutes(app, deps);
  authRoutes(app, deps);
  staffUserRoutes(app, deps);
  settingsRoutes(app, deps);
  auditLogRoutes(app, deps);
  categoryRoutes(app, deps);
  catalogCsvRoutes(app, deps); // before productRoutes: /api/products/export.csv is not an {id}
  productRoutes(app, deps);
  productWorkflowRoutes(app, deps);
  productImageRoutes(app, deps);
  stockRoutes(app, deps);
  shippingTemplateRoutes(app, deps);
  jobRoutes(app, deps);
  channelRoutes(app, deps);
  memberRoutes(app, deps);
  channelApiRoutes(app, deps);
  channelOrderRoutes(app, deps);
  channelAfterSalesRoutes(app, deps);
  orderCsvRoutes(app, deps); // before orderRoutes: /api/orders/export.csv is not an {id}
  orderRoutes(app, deps);
  afterSalesRoutes(app, deps); // its /counts and /options before /{id}
  decisionRoutes(app, deps);
  refundNotifyRoutes(app, deps);
  shipmentReportRoutes(app, deps);
  docsRoutes(app);

  app.notFound(notFoundHandler);
  app.onError(errorHandler(deps.logger));
  return app;
}

export type App = ReturnType<typeof buildApp>;
