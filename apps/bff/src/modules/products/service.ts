/**
 * Products (SPU) and their SKUs: list, read, create with the SKU grid, edit (If-Match).
 * Descriptions are sanitised before they are stored. Stock is set only at creation (as a
 * ledger movement); afterwards it changes by stock adjustments, never by an edit. An active
 * product keeps at least one SKU and no SKU priced 0.
 */
import {
  type Product,
  type ProductCreate,
  type ProductDetail,
  ProductFilter,
  type ProductUpdate,
  type productSortFields,
  sellableProblems,
} from '@siyu/shared';
import type { Kysely } from 'kysely';
import type { Db } from '../../db/connect.js';
import type { Database } from '../../db/schema.js';
import { type AuditContext, writeAudit } from '../../lib/audit.js';
import { isUniqueViolation } from '../../lib/db-errors.js';
import { AppError, type FieldErrors, notFound, validationFailed } from '../../lib/errors.js';
import { versionConflict } from '../../lib/if-match.js';
import { type ListQuery, parseFilter, parseIds } from '../../lib/list.js';
import { sanitizeHtml } from '../../lib/sanitize-html.js';
import { descendantIds } from '../categories/service.js';
import { requireShippingTemplate } from '../shipping-templates/service.js';
import { applySkuChanges, checkGridEdit, planEdit } from './edit-plan.js';
import { loadProductDetail, productListPage, productsByIds } from './queries.js';

const RESOURCE = 'products';

type SortField = (typeof productSortFields)[number];

const codeTaken = (fields: FieldErrors = {}) =>
  new AppError(409, 'SKU_CODE_TAKEN', 'A SKU code is already used by another SKU.', fields);

export async function listProducts(
  db: Db,
  query: ListQuery<SortField>,
): Promise<{ data: Product[]; total?: number }> {
  const ids = parseIds(query.ids);
  if (ids) {
    return { data: await productsByIds(db, ids) };
  }
  const filter = parseFilter(ProductFilter, query.filter);
  const categoryIds =
    filter.categoryId === undefined ? undefined : await descendantIds(db, filter.categoryId);
  return productListPage(db, filter, categoryIds, query);
}

export async function getProduct(db: Kysely<Database>, id: number): Promise<ProductDetail> {
  const detail = await loadProductDetail(db, id);
  if (!detail) throw notFound('product');
  return detail;
}

export async function requireCategory(trx: Kysely<Database>, id: number): Promise<void> {
  const category = await trx
    .selectFrom('categories')
    .select('id')
    .where('id', '=', id)
    .forShare()
    .executeTakeFirst();
  if (!category) throw validationFailed({ categoryId: 'no such category' });
}

/** Codes (lower-cased) already used by SKUs other than `exceptIds`. */
export async function takenCodes(
  trx: Kysely<Database>,
  codes: string[],
  exceptIds: number[] = [],
): Promise<Set<string>> {
  if (codes.length === 0) return new Set();
  let query = trx
    .selectFrom('skus')
    .select('code')
    .where((eb) =>
      eb(
        eb.fn('lower', ['code']),
        'in',
        codes.map((c) => c.toLowerCase()),
      ),
    );
  if (exceptIds.length > 0) query = query.where('id', 'not in', exceptIds);
  return new Set((await query.execute()).map((r) => r.code.toLowerCase()));
}

export async function createProduct(db: Db, input: ProductCreate, ctx: AuditContext): Promise<ProductDetail> {
  try {
    return await db.transaction().execute(async (trx) => {
      await requireCategory(trx, input.categoryId);
      await requireShippingTemplate(trx, input.shippingTemplateId ?? null);
      const taken = await takenCodes(
        trx,
        input.skus.map((s) => s.code),
      );
      if (taken.size > 0) {
        const fields: FieldErrors = {};
        input.skus.forEach((s, i) => {
          if (taken.has(s.code.toLowerCase())) fields[`skus.${i}.code`] = 'already used by another SKU';
        });
        throw codeTaken(fields);
      }
      const product = await trx
        .insertInto('products')
        .values({
          title: input.title,
          subtitle: input.subtitle ?? null,
          categoryId: input.categoryId,
          brand: input.brand ?? null,
          descriptionHtml: sanitizeHtml(input.descriptionHtml ?? ''),
          specDimensions: JSON.stringify(input.specDimensions),
          shippingTemplateId: input.shippingTemplateId ?? null,
          createdAt: ctx.at,
          updatedAt: ctx.at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const skus = await trx
        .insertInto('skus')
        .values(
          input.skus.map((s) => ({
            productId: product.id,
            code: s.code,
            specValues: JSON.stringify(s.specValues),
            price: s.price,
            originalPrice: s.originalPrice ?? null,
            cost: s.cost ?? null,
            stock: s.stock,
            lowStockThreshold: s.lowStockThreshold ?? 0,
            weightGrams: s.weightGrams ?? null,
            barcode: s.barcode ?? null,
            createdAt: ctx.at,
            updatedAt: ctx.at,
          })),
        )
        .returning(['id', 'code', 'stock'])
        .execute();
      // The opening stock is the first line of each SKU's ledger.
      const opening = skus.filter((s) => s.stock > 0);
      if (opening.length > 0) {
        await trx
          .insertInto('inventoryMovements')
          .values(
            opening.map((s) => ({
              skuId: s.id,
              productId: product.id,
              skuCode: s.code,
              delta: s.stock,
              reason: 'opening_stock' as const,
              stockAfter: s.stock,
              actorId: ctx.actor.id,
              actorName: ctx.actor.name,
              reference: `product:${product.id}`,
              note: null,
              at: ctx.at,
            })),
          )
          .execute();
      }
      const created = await getProduct(trx, product.id);
      await writeAudit(trx, {
        ...ctx,
        action: 'create',
        resource: RESOURCE,
        resourceId: product.id,
        after: created,
      });
      return created;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw codeTaken();
    throw error;
  }
}

/**
 * Refuses (422) a change that would leave an active product unsellable. Each SKU may say which
 * input path its price came from (`skus.0.price`, `addSkus.1.price`); `emptyPath` is where
 * "no SKU left" is reported.
 */
export function assertSellable(
  skus: { id?: number; price: number; pricePath?: string | undefined }[],
  emptyPath = 'skus',
): void {
  const problems = sellableProblems(skus);
  if (Object.keys(problems).length === 0) return;
  const fields: FieldErrors = {};
  if (skus.length === 0) fields[emptyPath] = problems.skus ?? '';
  for (const sku of skus.filter((s) => s.price <= 0)) {
    fields[sku.pricePath ?? 'skus'] = 'a product on sale cannot have a SKU priced 0';
  }
  throw new AppError(
    422,
    'BUSINESS_RULE',
    'A product on sale needs at least one SKU, none priced 0.',
    fields,
  );
}

/**
 * Edits a product and its SKU grid in one transaction, the product row locked and its version
 * checked. An edit that changes nothing writes nothing: no version bump, no audit row.
 */
export async function updateProduct(
  db: Db,
  id: number,
  expectedVersion: number,
  patch: ProductUpdate,
  ctx: AuditContext,
): Promise<ProductDetail> {
  try {
    return await db.transaction().execute(async (trx) => {
      const row = await trx
        .selectFrom('products')
        .select(['id', 'version', 'status'])
        .where('id', '=', id)
        .forUpdate()
        .executeTakeFirst();
      if (!row) throw notFound('product');
      if (row.version !== expectedVersion) throw versionConflict();
      const before = await getProduct(trx, id);
      const plan = planEdit(before, patch);
      if (plan.unchanged) return before;
      if (plan.own.categoryId !== undefined) await requireCategory(trx, plan.own.categoryId);
      if (plan.own.shippingTemplateId !== undefined)
        await requireShippingTemplate(trx, plan.own.shippingTemplateId);
      if (row.status === 'active')
        assertSellable(plan.sellable, plan.removed.length > 0 ? 'removeSkuIds' : 'skus');
      checkGridEdit(before, patch, plan);
      const taken = await takenCodes(
        trx,
        plan.newCodes.map((c) => c.code),
        before.skus.map((s) => s.id),
      );
      if (taken.size > 0) {
        const fields: FieldErrors = {};
        for (const { code, path } of plan.newCodes)
          if (taken.has(code.toLowerCase())) fields[path] = 'already used by another SKU';
        throw codeTaken(fields);
      }
      await applySkuChanges(trx, id, plan, ctx);
      await trx
        .updateTable('products')
        .set((eb) => ({
          ...plan.own,
          ...(plan.specDimensions ? { specDimensions: JSON.stringify(plan.specDimensions) } : {}),
          updatedAt: ctx.at,
          version: eb('version', '+', 1),
        }))
        .where('id', '=', id)
        .execute();
      const after = await getProduct(trx, id);
      await writeAudit(trx, { ...ctx, action: 'update', resource: RESOURCE, resourceId: id, before, after });
      return after;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw codeTaken();
    throw error;
  }
}
