/**
 * /api/products/{id}/images (list, upload as JSON base64, reorder, delete) and /api/files/{key}, which
 * serves stored files. Files are public: product images are shown to shoppers anyway, and the
 * key is 128 random bits, so a file is reachable only by someone who was given its URL; that
 * is also what makes `Cache-Control: public, immutable` honest (a CDN may keep them).
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import {
  IdParam,
  ProductImage,
  ProductImageOrder,
  ProductImageParams,
  ProductImageUpload,
  recordResponse,
} from '@siyu/shared';
import { z } from 'zod';
import type { Deps } from '../../deps.js';
import type { AppEnv } from '../../env.js';
import { fileStoreFor } from '../../lib/file-store.js';
import { auditContextOf } from '../../lib/request-context.js';
import { defineRoute, errorResponse, json, jsonBody } from '../../lib/route.js';
import { reorderProductImages } from './reorder.js';
import { deleteProductImage, listProductImages, readFile, uploadProductImage } from './service.js';

const tags = ['products'];

const listRoute = defineRoute(
  { resource: 'products', action: 'read' },
  {
    method: 'get',
    path: '/api/products/{id}/images',
    tags,
    summary: "A product's images, in gallery order",
    request: { params: IdParam },
    responses: {
      200: json(z.object({ data: z.array(ProductImage) }), 'The images'),
      404: errorResponse('No such product'),
    },
  },
);

const uploadRoute = defineRoute(
  { resource: 'products', action: 'edit' },
  {
    method: 'post',
    path: '/api/products/{id}/images',
    tags,
    summary: 'Upload an image (PNG, JPEG or WebP, ≤ 700 KB, base64 in JSON; nine per product)',
    request: { params: IdParam, body: jsonBody(ProductImageUpload) },
    responses: {
      201: json(recordResponse(ProductImage), 'Stored'),
      404: errorResponse('No such product'),
      413: errorResponse('PAYLOAD_TOO_LARGE: over 700 KB'),
      422: errorResponse('BUSINESS_RULE: the product already has nine images'),
    },
  },
);

const reorderRoute = defineRoute(
  { resource: 'products', action: 'edit' },
  {
    method: 'patch',
    path: '/api/products/{id}/images',
    tags,
    summary: 'Put the images in a new order (each image once; the first is the main image)',
    request: { params: IdParam, body: jsonBody(ProductImageOrder) },
    responses: {
      200: json(z.object({ data: z.array(ProductImage) }), 'The images in their new order'),
      400: errorResponse('VALIDATION_FAILED: not each image of the product exactly once'),
      404: errorResponse('No such product'),
    },
  },
);

const deleteRoute = defineRoute(
  { resource: 'products', action: 'edit' },
  {
    method: 'delete',
    path: '/api/products/{id}/images/{imageId}',
    tags,
    summary: 'Delete an image of a product',
    request: { params: ProductImageParams },
    responses: { 204: { description: 'Deleted' }, 404: errorResponse('No such image') },
  },
);

const fileRoute = defineRoute(
  { public: true },
  {
    method: 'get',
    path: '/api/files/{key}',
    tags: ['files'],
    summary: 'A stored file (immutable: cached for a year)',
    request: { params: z.object({ key: z.string().max(100) }) },
    responses: {
      200: { description: 'The file', content: { 'application/octet-stream': { schema: z.string() } } },
      404: errorResponse('No such file'),
    },
  },
);

export function productImageRoutes(app: OpenAPIHono<AppEnv>, deps: Deps) {
  const store = fileStoreFor(deps.config);
  return app
    .openapi(listRoute, async (c) =>
      c.json({ data: await listProductImages(deps.db, c.req.valid('param').id) }, 200),
    )
    .openapi(uploadRoute, async (c) => {
      const { id } = c.req.valid('param');
      const image = await uploadProductImage(
        deps.db,
        store,
        id,
        c.req.valid('json'),
        auditContextOf(c, deps),
      );
      return c.json({ data: image }, 201);
    })
    .openapi(reorderRoute, async (c) => {
      const images = await reorderProductImages(
        deps.db,
        c.req.valid('param').id,
        c.req.valid('json'),
        auditContextOf(c, deps),
      );
      return c.json({ data: images }, 200);
    })
    .openapi(deleteRoute, async (c) => {
      const { id, imageId } = c.req.valid('param');
      await deleteProductImage(deps.db, store, id, imageId, auditContextOf(c, deps));
      return c.body(null, 204);
    })
    .openapi(fileRoute, async (c) => {
      const file = await readFile(store, c.req.valid('param').key);
      return c.body(new Uint8Array(file.bytes), 200, {
        'Content-Type': file.contentType,
        'Cache-Control': 'public, max-age=31536000, immutable',
        'X-Content-Type-Options': 'nosniff',
        'Content-Length': String(file.bytes.length),
      });
    });
}
