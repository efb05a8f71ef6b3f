/** /api/categories: flat list with paths (the SPA draws the tree), read, create, edit (If-Match), delete. */
import type { OpenAPIHono } from '@hono/zod-openapi';
import {
  Category,
  CategoryCreate,
  CategoryListQuery,
  CategoryUpdate,
  IdParam,
  listResponse,
  recordResponse,
} from '@siyu/shared';
import type { Deps } from '../../deps.js';
import type { AppEnv } from '../../env.js';
import { requireIfMatch } from '../../lib/if-match.js';
import { auditContextOf } from '../../lib/request-context.js';
import { defineRoute, errorResponse, json, jsonBody } from '../../lib/route.js';
import { IfMatchHeader } from '../../lib/schemas.js';
import { createCategory, deleteCategory, getCategory, listCategories, updateCategory } from './service.js';

const tags = ['categories'];

const listRoute = defineRoute(
  { resource: 'categories', action: 'read' },
  {
    method: 'get',
    path: '/api/categories',
    tags,
    summary: 'List categories as flat rows with parentId, level and path (filter: CategoryFilter as JSON)',
    request: { query: CategoryListQuery },
    responses: { 200: json(listResponse(Category), 'A page of categories') },
  },
);

const getRoute = defineRoute(
  { resource: 'categories', action: 'read' },
  {
    method: 'get',
    path: '/api/categories/{id}',
    tags,
    summary: 'One category',
    request: { params: IdParam },
    responses: {
      200: json(recordResponse(Category), 'The category'),
      404: errorResponse('No such category'),
    },
  },
);

const createRoute = defineRoute(
  { resource: 'categories', action: 'create' },
  {
    method: 'post',
    path: '/api/categories',
    tags,
    summary: 'Create a category (three levels at most)',
    request: { body: jsonBody(CategoryCreate) },
    responses: {
      201: json(recordResponse(Category), 'Created'),
      409: errorResponse('NAME_TAKEN among siblings'),
      422: errorResponse('CATEGORY_TOO_DEEP'),
    },
  },
);

const updateRoute = defineRoute(
  { resource: 'categories', action: 'edit' },
  {
    method: 'patch',
    path: '/api/categories/{id}',
    tags,
    summary: 'Rename, reorder, enable or disable a category (If-Match: version)',
    request: { params: IdParam, headers: IfMatchHeader, body: jsonBody(CategoryUpdate) },
    responses: {
      200: json(recordResponse(Category), 'Saved'),
      404: errorResponse('No such category'),
      409: errorResponse('VERSION_CONFLICT or NAME_TAKEN'),
      428: errorResponse('PRECONDITION_REQUIRED: If-Match missing'),
    },
  },
);

const deleteRoute = defineRoute(
  { resource: 'categories', action: 'delete' },
  {
    method: 'delete',
    path: '/api/categories/{id}',
    tags,
    summary: 'Delete a category that has no subcategories and no products',
    request: { params: IdParam },
    responses: {
      200: json(recordResponse(Category), 'Deleted'),
      404: errorResponse('No such category'),
      409: errorResponse('CATEGORY_NOT_EMPTY'),
    },
  },
);

export function categoryRoutes(app: OpenAPIHono<AppEnv>, deps: Deps) {
  return app
    .openapi(listRoute, async (c) => c.json(await listCategories(deps.db, c.req.valid('query')), 200))
    .openapi(getRoute, async (c) =>
      c.json({ data: await getCategory(deps.db, c.req.valid('param').id) }, 200),
    )
    .openapi(createRoute, async (c) =>
      c.json({ data: await createCategory(deps.db, c.req.valid('json'), auditContextOf(c, deps)) }, 201),
    )
    .openapi(updateRoute, async (c) => {
      const version = requireIfMatch(c);
      const { id } = c.req.valid('param');
      const saved = await updateCategory(deps.db, id, version, c.req.valid('json'), auditContextOf(c, deps));
      return c.json({ data: saved }, 200);
    })
    .openapi(deleteRoute, async (c) =>
      c.json({ data: await deleteCategory(deps.db, c.req.valid('param').id, auditContextOf(c, deps)) }, 200),
    );
}
