/**
 * Catalog CSV: GET /api/products/export.csv (streamed), POST /api/products/import and
 * POST /api/stock/import (a background job; 202 with its id, progress at /api/jobs/{id}).
 * Registered before /api/products/{id}, so "export.csv" is never read as an id.
 */
import { type OpenAPIHono, z } from '@hono/zod-openapi';
import { CsvImportBody, JobAccepted, productSortFields, sortOrders } from '@siyu/shared';
import type { Deps } from '../../deps.js';
import type { AppEnv } from '../../env.js';
import { auditContextOf } from '../../lib/request-context.js';
import { defineRoute, json, jsonBody } from '../../lib/route.js';
import { productCsvExport, toByteStream } from './export.js';
import { queueImport } from './import-jobs.js';

const exportRoute = defineRoute(
  { resource: 'products', action: 'export' },
  {
    method: 'get',
    path: '/api/products/export.csv',
    tags: ['products'],
    summary:
      'The whole filtered product list as CSV, one row per SKU, in the list order (filter: ProductFilter as JSON)',
    request: {
      query: z.strictObject({
        filter: z.string().max(4000).optional(),
        sort: z.enum(productSortFields).default('id'),
        order: z.enum(sortOrders).default('ASC'),
      }),
    },
    responses: {
      200: { description: 'UTF-8 CSV with a BOM', content: { 'text/csv': { schema: z.string() } } },
    },
  },
);

const importRoute = (path: string, resource: 'products' | 'stock', summary: string) =>
  defineRoute(
    { resource, action: 'import' },
    {
      method: 'post',
      path,
      tags: [resource],
      summary,
      request: { body: jsonBody(CsvImportBody) },
      responses: { 202: json(JobAccepted, 'Queued: follow it at /api/jobs/{jobId}') },
    },
  );

const productImportRoute = importRoute(
  '/api/products/import',
  'products',
  'Import SKU prices, cost, barcode, threshold and product titles from CSV (a background job)',
);
const stockImportRoute = importRoute(
  '/api/stock/import',
  'stock',
  'Import stock counts from CSV (sku_code, stock); each becomes a delta with reason import (a background job)',
);

const today = () => new Date().toISOString().slice(0, 10).replaceAll('-', '');

export function catalogCsvRoutes(app: OpenAPIHono<AppEnv>, deps: Deps) {
  return app
    .openapi(exportRoute, async (c) => {
      const { filter, sort, order } = c.req.valid('query');
      const chunks = await productCsvExport(deps.db, filter, { sort, order });
      return c.body(toByteStream(chunks), 200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="products-${today()}.csv"`,
        'Cache-Control': 'no-store',
      });
    })
    .openapi(productImportRoute, async (c) => {
      const ctx = auditContextOf(c, deps);
      const jobId = await queueImport(deps.db, 'products_import', c.req.valid('json').csv, ctx);
      return c.json({ data: { jobId } }, 202);
    })
    .openapi(stockImportRoute, async (c) => {
      const ctx = auditContextOf(c, deps);
      const jobId = await queueImport(deps.db, 'stock_import', c.req.valid('json').csv, ctx);
      return c.json({ data: { jobId } }, 202);
    });
}
