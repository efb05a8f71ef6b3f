/**
 * Shipping templates (运费模板): list, read, create, edit (If-Match), delete. A template's
 * province lists must not clash (a province in two region rules, or delivered to and not):
 * the contract checks each input, and an edit is checked again merged with what is stored.
 * A template that products use cannot be deleted (checked with the row locked, and backed by
 * the foreign key's ON DELETE RESTRICT).
 */
import {
  type ShippingTemplate,
  type ShippingTemplateCreate,
  ShippingTemplateFilter,
  type ShippingTemplateRules,
  type ShippingTemplateUpdate,
  shippingTemplateProblems,
  type shippingTemplateSortFields,
} from '@siyu/shared';
import { type Kysely, sql } from 'kysely';
import type { Db } from '../../db/connect.js';
import type { Database, ShippingTemplateRow } from '../../db/schema.js';
import { type AuditContext, writeAudit } from '../../lib/audit.js';
import { isForeignKeyViolation, isUniqueViolation } from '../../lib/db-errors.js';
import { AppError, notFound, validationFailed } from '../../lib/errors.js';
import { versionConflict } from '../../lib/if-match.js';
import { type ListQuery, likePattern, pageWindow, parseFilter, parseIds } from '../../lib/list.js';

const RESOURCE = 'shipping_templates';

type SortField = (typeof shippingTemplateSortFields)[number];
type Row = ShippingTemplateRow & { productCount: number | string };

const nameTaken = () =>
  new AppError(409, 'NAME_TAKEN', 'Another shipping template already has this name.', {
    name: 'already taken',
  });

const inUse = (count: number) =>
  new AppError(
    409,
    'SHIPPING_TEMPLATE_IN_USE',
    `${count} product(s) still use this shipping template: give them another one first.`,
  );

/** The rules as the pure fee calculation reads them. */
export function rulesOf(row: ShippingTemplateRow): ShippingTemplateRules {
  return {
    chargeBy: row.chargeBy,
    defaultRule: {
      firstUnits: row.firstUnits,
      firstFee: row.firstFee,
      additionalUnits: row.additionalUnits,
      additionalFee: row.additionalFee,
    },
    regionRules: row.regionRules,
    freeShippingThreshold: row.freeShippingThreshold,
    remoteProvinces: row.remoteProvinces,
    remoteSurcharge: row.remoteSurcharge,
    undeliverableProvinces: row.undeliverableProvinces,
  };
}

function toTemplate(row: Row): ShippingTemplate {
  return {
    id: row.id,
    name: row.name,
    ...rulesOf(row),
    regionRules: row.regionRules,
    remoteProvinces: row.remoteProvinces,
    undeliverableProvinces: row.undeliverableProvinces,
    productCount: Number(row.productCount),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

/** The stored columns of a whole template. */
function columnsOf(template: ShippingTemplateCreate) {
  return {
    name: template.name,
    chargeBy: template.chargeBy,
    firstUnits: template.defaultRule.firstUnits,
    firstFee: template.defaultRule.firstFee,
    additionalUnits: template.defaultRule.additionalUnits,
    additionalFee: template.defaultRule.additionalFee,
    regionRules: JSON.stringify(template.regionRules),
    freeShippingThreshold: template.freeShippingThreshold,
    remoteProvinces: JSON.stringify(template.remoteProvinces),
    remoteSurcharge: template.remoteSurcharge,
    undeliverableProvinces: JSON.stringify(template.undeliverableProvinces),
  };
}

function withProductCount(db: Kysely<Database>) {
  return db
    .selectFrom('shippingTemplates as t')
    .selectAll('t')
    .select((eb) =>
      eb
        .selectFrom('products')
        .select(eb.fn.countAll().as('n'))
        .whereRef('products.shippingTemplateId', '=', 't.id')
        .as('productCount'),
    );
}

export async function listShippingTemplates(
  db: Db,
  query: ListQuery<SortField>,
): Promise<{ data: ShippingTemplate[]; total?: number }> {
  const ids = parseIds(query.ids);
  if (ids) {
    const rows = ids.length ? await withProductCount(db).where('t.id', 'in', ids).execute() : [];
    return { data: (rows as Row[]).map(toTemplate) };
  }
  const filter = parseFilter(ShippingTemplateFilter, query.filter);
  let base = withProductCount(db);
  if (filter.q) base = base.where('t.name', 'ilike', likePattern(filter.q));
  if (filter.chargeBy) base = base.where('t.chargeBy', '=', filter.chargeBy);
  const { limit, offset } = pageWindow(query);
  const direction = query.order === 'ASC' ? 'asc' : 'desc';
  const [rows, count] = await Promise.all([
    base
      .orderBy(sql.ref(query.sort ?? 'id'), direction)
      .orderBy('t.id', direction)
      .limit(limit)
      .offset(offset)
      .execute(),
    base
      .clearSelect()
      .select((eb) => eb.fn.countAll().as('total'))
      .executeTakeFirstOrThrow(),
  ]);
  return { data: (rows as Row[]).map(toTemplate), total: Number(count.total) };
}

export async function getShippingTemplate(db: Kysely<Database>, id: number): Promise<ShippingTemplate> {
  const row = await withProductCount(db).where('t.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('shipping template');
  return toTemplate(row as Row);
}

/** A product's template must exist (a field error on `shippingTemplateId` otherwise). */
export async function requireShippingTemplate(trx: Kysely<Database>, id: number | null): Promise<void> {
  if (id === null) return;
  const row = await trx
    .selectFrom('shippingTemplates')
    .select('id')
    .where('id', '=', id)
    .forShare()
    .executeTakeFirst();
  if (!row) throw validationFailed({ shippingTemplateId: 'no such shipping template' });
}

export async function createShippingTemplate(
  db: Db,
  input: ShippingTemplateCreate,
  ctx: AuditContext,
): Promise<ShippingTemplate> {
  try {
    return await db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('shippingTemplates')
        .values({ ...columnsOf(input), createdAt: ctx.at, updatedAt: ctx.at })
        .returning('id')
        .executeTakeFirstOrThrow();
      const created = await getShippingTemplate(trx, row.id);
      await writeAudit(trx, {
        ...ctx,
        action: 'create',
        resource: RESOURCE,
        resourceId: row.id,
        after: created,
      });
      return created;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken();
    throw error;
  }
}

const editable = [
  'name',
  'chargeBy',
  'defaultRule',
  'regionRules',
  'freeShippingThreshold',
  'remoteProvinces',
  'remoteSurcharge',
  'undeliverableProvinces',
] as const;

export async function updateShippingTemplate(
  db: Db,
  id: number,
  expectedVersion: number,
  patch: ShippingTemplateUpdate,
  ctx: AuditContext,
): Promise<ShippingTemplate> {
  try {
    return await db.transaction().execute(async (trx) => {
      const locked = await trx
        .selectFrom('shippingTemplates')
        .select(['id', 'version'])
        .where('id', '=', id)
        .forUpdate()
        .executeTakeFirst();
      if (!locked) throw notFound('shipping template');
      if (locked.version !== expectedVersion) throw versionConflict();
      const before = await getShippingTemplate(trx, id);
      const next: ShippingTemplateCreate = { ...before };
      for (const key of editable) {
        if (patch[key] !== undefined) Object.assign(next, { [key]: patch[key] });
      }
      // The clash may be between a sent list and a stored one.
      const problems = shippingTemplateProblems(next);
      if (Object.keys(problems).length > 0) throw validationFailed(problems);
      if (editable.every((key) => JSON.stringify(next[key]) === JSON.stringify(before[key]))) return before;
      await trx
        .updateTable('shippingTemplates')
        .set((eb) => ({ ...columnsOf(next), updatedAt: ctx.at, version: eb('version', '+', 1) }))
        .where('id', '=', id)
        .where('version', '=', expectedVersion)
        .execute();
      const after = await getShippingTemplate(trx, id);
      await writeAudit(trx, { ...ctx, action: 'update', resource: RESOURCE, resourceId: id, before, after });
      return after;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken();
    throw error;
  }
}

export async function deleteShippingTemplate(
  db: Db,
  id: number,
  ctx: AuditContext,
): Promise<ShippingTemplate> {
  try {
    return await db.transaction().execute(async (trx) => {
      const locked = await trx
        .selectFrom('shippingTemplates')
        .select('id')
        .where('id', '=', id)
        .forUpdate()
        .executeTakeFirst();
      if (!locked) throw notFound('shipping template');
      const before = await getShippingTemplate(trx, id);
      if (before.productCount > 0) throw inUse(before.productCount);
      await trx.deleteFrom('shippingTemplates').where('id', '=', id).execute();
      await writeAudit(trx, { ...ctx, action: 'delete', resource: RESOURCE, resourceId: id, before });
      return before;
    });
  } catch (error) {
    // A product took the template between the count and the delete.
    if (isForeignKeyViolation(error)) throw inUse(1);
    throw error;
  }
}
