/**
 * /api/products: list (filters, derived price range and stock), read with SKUs, create, edit
 * (If-Match), delete (drafts and rejected products that were never on sale).
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import {
  IdParam,
  listResponse,
  Product,
  ProductCreate,
  ProductDetail,
  ProductListQuery,
  ProductUpdate,
  recordResponse,
} from '@siyu/shared';
import type { Deps } from '../../deps.js';
import type { AppEnv } from '../../env.js';
import { fileStoreFor } from '../../lib/file-store.js';
import { requireIfMatch } from '../../lib/if-match.js';
import { auditContextOf } from '../../lib/request-context.js';
import { defineRoute, errorResponse, json, jsonBody } from '../../lib/route.js';
import { IfMatchHeader } from '../../lib/schemas.js';
import { deleteProduct } from './delete.js';
import { createProduct, getProduct, listProducts, updateProduct } from './service.js';

const tags = ['products'];

const listRoute = defineRoute(
  { resource: 'products', action: 'read' },
  {
    method: 'get',
    path: '/api/products',
    tags,
    summary: 'List products (filter: ProductFilter as JSON), or getMany with ids=',
    request: { query: ProductListQuery },
    responses: { 200: json(listResponse(Product), 'A page of products') },
  },
);

const getRoute = defineRoute(
  { resource: 'products', action: 'read' },
  {
    method: 'get',
    path: '/api/products/{id}',
    tags,
    summary: 'One product with its SKUs',
    request: { params: IdParam },
    responses: {
      200: json(recordResponse(ProductDetail), 'The product'),
      404: errorResponse('No such product'),
    },
  },
);

const createRoute = defineRoute(
  { resource: 'products', action: 'create' },
  {
    method: 'post',
    path: '/api/products',
    tags,
    summary: 'Create a draft product; its SKUs must cover the spec grid exactly',
    request: { body: jsonBody(ProductCreate) },
    responses: {
      201: json(recordResponse(ProductDetail), 'Created'),
      409: errorResponse('SKU_CODE_TAKEN'),
    },
  },
);

const updateRoute = defineRoute(
  { resource: 'products', action: 'edit' },
  {
    method: 'patch',
    path: '/api/products/{id}',
    tags,
    summary:
      'Edit a product, its SKUs (not their stock) and its spec grid: the SKUs it ends with must be exactly the grid of its spec dimensions (If-Match: version)',
    request: { params: IdParam, headers: IfMatchHeader, body: jsonBody(ProductUpdate) },
    responses: {
      200: json(
        recordResponse(ProductDetail),
        'Saved (unchanged, with the same version, when nothing differed)',
      ),
      400: errorResponse('VALIDATION_FAILED: the SKUs do not match the grid, or a SKU is not this product’s'),
      404: errorResponse('No such product'),
      409: errorResponse('VERSION_CONFLICT or SKU_CODE_TAKEN'),
      422: errorResponse(
        'BUSINESS_RULE: an active product needs a SKU and no price of 0; a SKU in stock cannot be removed',
      ),
      428: errorResponse('PRECONDITION_REQUIRED: If-Match missing'),
    },
  },
);

const deleteRoute = defineRoute(
  { resource: 'products', action: 'delete' },
  {
    method: 'delete',
    path: '/api/products/{id}',
    tags,
    summary: 'Delete a draft or rejected product that was never on sale, with its SKUs and images',
    request: { params: IdParam },
    responses: {
      200: json(recordResponse(ProductDetail), 'Deleted (the product as it was)'),
      404: errorResponse('No such product'),
      422: errorResponse('BUSINESS_RULE: not a draft or rejected product, or it has order history'),
    },
  },
);

export function productRoutes(app: OpenAPIHono<AppEnv>, deps: Deps) {
  const store = fileStoreFor(deps.config);
  return app
    .openapi(listRoute, async (c) => c.json(await listProducts(deps.db, c.req.valid('query')), 200))
    .openapi(getRoute, async (c) => c.json({ data: await getProduct(deps.db, c.req.valid('param').id) }, 200))
    .openapi(createRoute, async (c) =>
      c.json({ data: await createProduct(deps.db, c.req.valid('json'), auditContextOf(c, deps)) }, 201),
    )
    .openapi(updateRoute, async (c) => {
      const version = requireIfMatch(c);
      const { id } = c.req.valid('param');
      const saved = await updateProduct(deps.db, id, version, c.req.valid('json'), auditContextOf(c, deps));
      return c.json({ data: saved }, 200);
    })
    .openapi(deleteRoute, async (c) => {
      const { id } = c.req.valid('param');
      const deleted = await deleteProduct(deps.db, store, deps.logger, id, auditContextOf(c, deps));
      return c.json({ data: deleted }, 200);
    });
}
