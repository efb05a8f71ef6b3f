/**
 * The order desk's CSV: GET /api/orders/export.csv (streamed), POST /api/orders/bulk-ship (a
 * background job; 202 with its id, progress at /api/jobs/{id}) and its template. Registered
 * before /api/orders/{id}, so "export.csv" and "bulk-ship" are never read as an id.
 */
import { type OpenAPIHono, z } from '@hono/zod-openapi';
import { CsvImportBody, JobAccepted, orderSortFields, sortOrders } from '@siyu/shared';
import type { Deps } from '../../deps.js';
import type { AppEnv } from '../../env.js';
import { auditContextOf } from '../../lib/request-context.js';
import { defineRoute, json, jsonBody } from '../../lib/route.js';
import { toByteStream } from '../catalog-csv/export.js';
import { bulkShipTemplate, queueBulkShip } from './bulk-ship.js';
import { orderCsvExport } from './export.js';

const tags = ['orders'];
const csvResponse = (description: string) => ({
  200: { description, content: { 'text/csv': { schema: z.string() } } },
});

const exportRoute = defineRoute(
  { resource: 'orders', action: 'export' },
  {
    method: 'get',
    path: '/api/orders/export.csv',
    tags,
    summary:
      'The whole filtered order list as CSV, one row per order, in the list order, personal data masked (filter: OrderFilter as JSON)',
    request: {
      query: z.strictObject({
        filter: z.string().max(4000).optional(),
        sort: z.enum(orderSortFields).default('id'),
        order: z.enum(sortOrders).default('DESC'),
      }),
    },
    responses: csvResponse('UTF-8 CSV with a BOM'),
  },
);

const bulkShipRoute = defineRoute(
  { resource: 'orders', action: 'ship' },
  {
    method: 'post',
    path: '/api/orders/bulk-ship',
    tags,
    summary:
      'Ship orders from CSV (order_no, carrier, tracking_no), each row every unit not yet shipped (a background job)',
    request: { body: jsonBody(CsvImportBody) },
    responses: { 202: json(JobAccepted, 'Queued: follow it at /api/jobs/{jobId}') },
  },
);

const templateRoute = defineRoute(
  { resource: 'orders', action: 'ship' },
  {
    method: 'get',
    path: '/api/orders/bulk-ship/template.csv',
    tags,
    summary: 'The bulk-ship file to fill in: its header and one example row',
    responses: csvResponse('UTF-8 CSV with a BOM'),
  },
);

const today = () => new Date().toISOString().slice(0, 10).replaceAll('-', '');

export function orderCsvRoutes(app: OpenAPIHono<AppEnv>, deps: Deps) {
  return app
    .openapi(exportRoute, (c) => {
      const { filter, sort, order } = c.req.valid('query');
      const chunks = orderCsvExport(deps.db, filter, { sort, order }, auditContextOf(c, deps));
      return c.body(toByteStream(chunks), 200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="orders-${today()}.csv"`,
        'Cache-Control': 'no-store',
      });
    })
    .openapi(bulkShipRoute, async (c) => {
      const jobId = await queueBulkShip(deps.db, c.req.valid('json').csv, auditContextOf(c, deps));
      return c.json({ data: { jobId } }, 202);
    })
    .openapi(templateRoute, (c) =>
      c.body(bulkShipTemplate(), 200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': 'attachment; filename="bulk-ship-template.csv"',
        'Cache-Control': 'no-store',
      }),
    );
}
