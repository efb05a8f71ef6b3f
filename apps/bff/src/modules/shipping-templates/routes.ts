/** /api/shipping-templates: list, read, create, edit (If-Match), delete when unused, and a fee quote. */
import type { OpenAPIHono } from '@hono/zod-openapi';
import {
  IdParam,
  listResponse,
  recordResponse,
  ShippingFeeQuote,
  ShippingQuoteRequest,
  ShippingTemplate,
  ShippingTemplateCreate,
  ShippingTemplateListQuery,
  ShippingTemplateUpdate,
} from '@siyu/shared';
import type { Deps } from '../../deps.js';
import type { AppEnv } from '../../env.js';
import { requireIfMatch } from '../../lib/if-match.js';
import { auditContextOf } from '../../lib/request-context.js';
import { defineRoute, errorResponse, json, jsonBody } from '../../lib/route.js';
import { IfMatchHeader } from '../../lib/schemas.js';
import { shippingFeeFor } from './quote.js';
import {
  createShippingTemplate,
  deleteShippingTemplate,
  getShippingTemplate,
  listShippingTemplates,
  updateShippingTemplate,
} from './service.js';

const tags = ['shipping-templates'];

const listRoute = defineRoute(
  { resource: 'shipping_templates', action: 'read' },
  {
    method: 'get',
    path: '/api/shipping-templates',
    tags,
    summary: 'List shipping templates with their product counts (filter: ShippingTemplateFilter as JSON)',
    request: { query: ShippingTemplateListQuery },
    responses: { 200: json(listResponse(ShippingTemplate), 'A page of shipping templates') },
  },
);

const getRoute = defineRoute(
  { resource: 'shipping_templates', action: 'read' },
  {
    method: 'get',
    path: '/api/shipping-templates/{id}',
    tags,
    summary: 'One shipping template',
    request: { params: IdParam },
    responses: {
      200: json(recordResponse(ShippingTemplate), 'The shipping template'),
      404: errorResponse('No such shipping template'),
    },
  },
);

const createRoute = defineRoute(
  { resource: 'shipping_templates', action: 'create' },
  {
    method: 'post',
    path: '/api/shipping-templates',
    tags,
    summary: 'Create a shipping template',
    request: { body: jsonBody(ShippingTemplateCreate) },
    responses: {
      201: json(recordResponse(ShippingTemplate), 'Created'),
      409: errorResponse('NAME_TAKEN'),
    },
  },
);

const updateRoute = defineRoute(
  { resource: 'shipping_templates', action: 'edit' },
  {
    method: 'patch',
    path: '/api/shipping-templates/{id}',
    tags,
    summary: 'Edit a shipping template (If-Match: version); products using it are quoted by the new rules',
    request: { params: IdParam, headers: IfMatchHeader, body: jsonBody(ShippingTemplateUpdate) },
    responses: {
      200: json(recordResponse(ShippingTemplate), 'Saved'),
      404: errorResponse('No such shipping template'),
      409: errorResponse('VERSION_CONFLICT or NAME_TAKEN'),
      428: errorResponse('PRECONDITION_REQUIRED: If-Match missing'),
    },
  },
);

const deleteRoute = defineRoute(
  { resource: 'shipping_templates', action: 'delete' },
  {
    method: 'delete',
    path: '/api/shipping-templates/{id}',
    tags,
    summary: 'Delete a shipping template that no product uses',
    request: { params: IdParam },
    responses: {
      200: json(recordResponse(ShippingTemplate), 'Deleted'),
      404: errorResponse('No such shipping template'),
      409: errorResponse('SHIPPING_TEMPLATE_IN_USE'),
    },
  },
);

const quoteRoute = defineRoute(
  { resource: 'shipping_templates', action: 'read' },
  {
    method: 'post',
    path: '/api/shipping-templates/quote',
    tags,
    summary: "The shipping fee of SKUs sent to a province, under their products' templates (changes nothing)",
    request: { body: jsonBody(ShippingQuoteRequest) },
    responses: {
      200: json(recordResponse(ShippingFeeQuote), 'The fee, per template group'),
      422: errorResponse('UNDELIVERABLE_REGION'),
    },
  },
);

export function shippingTemplateRoutes(app: OpenAPIHono<AppEnv>, deps: Deps) {
  return app
    .openapi(quoteRoute, async (c) =>
      c.json({ data: await shippingFeeFor(deps.db, c.req.valid('json')) }, 200),
    )
    .openapi(listRoute, async (c) => c.json(await listShippingTemplates(deps.db, c.req.valid('query')), 200))
    .openapi(getRoute, async (c) =>
      c.json({ data: await getShippingTemplate(deps.db, c.req.valid('param').id) }, 200),
    )
    .openapi(createRoute, async (c) =>
      c.json(
        { data: await createShippingTemplate(deps.db, c.req.valid('json'), auditContextOf(c, deps)) },
        201,
      ),
    )
    .openapi(updateRoute, async (c) => {
      const version = requireIfMatch(c);
      const { id } = c.req.valid('param');
      const saved = await updateShippingTemplate(
        deps.db,
        id,
        version,
        c.req.valid('json'),
        auditContextOf(c, deps),
      );
      return c.json({ data: saved }, 200);
    })
    .openapi(deleteRoute, async (c) =>
      c.json(
        { data: await deleteShippingTemplate(deps.db, c.req.valid('param').id, auditContextOf(c, deps)) },
        200,
      ),
    );
}
