/**
 * Categories: a tree of at most three levels. Names are unique among siblings; a category
 * that still has children or products cannot be deleted (checked with the row locked, and
 * backed by the foreign keys' ON DELETE RESTRICT).
 */
import {
  type Category,
  type CategoryCreate,
  CategoryFilter,
  type CategoryUpdate,
  type categorySortFields,
  MAX_CATEGORY_LEVEL,
} from '@siyu/shared';
import type { Db } from '../../db/connect.js';
import type { CategoryRow } from '../../db/schema.js';
import { type AuditContext, writeAudit } from '../../lib/audit.js';
import { isForeignKeyViolation, isUniqueViolation } from '../../lib/db-errors.js';
import { AppError, notFound, validationFailed } from '../../lib/errors.js';
import { versionConflict } from '../../lib/if-match.js';
import { fetchPage, type ListQuery, likePattern, parseFilter, parseIds, rowsByIds } from '../../lib/list.js';
import { withPaths } from './tree.js';

const RESOURCE = 'categories';

type SortField = (typeof categorySortFields)[number];

const nameTaken = () =>
  new AppError(409, 'NAME_TAKEN', 'A sibling category already has this name.', { name: 'already taken' });

const notEmpty = () =>
  new AppError(
    409,
    'CATEGORY_NOT_EMPTY',
    'This category still has subcategories or products: move or delete them first.',
  );

export async function listCategories(
  db: Db,
  query: ListQuery<SortField>,
): Promise<{ data: Category[]; total?: number }> {
  const ids = parseIds(query.ids);
  if (ids) {
    const rows = await rowsByIds(db, 'categories', ids);
    return { data: await withPaths(db, rows) };
  }
  const filter = parseFilter(CategoryFilter, query.filter);
  let base = db.selectFrom('categories');
  if (filter.q) base = base.where('name', 'ilike', likePattern(filter.q));
  if (filter.parentId === null) base = base.where('parentId', 'is', null);
  else if (filter.parentId !== undefined) base = base.where('parentId', '=', filter.parentId);
  if (filter.level !== undefined) base = base.where('level', '=', filter.level);
  if (filter.enabled !== undefined) base = base.where('enabled', '=', filter.enabled);
  const page = await fetchPage(base, query, (row: CategoryRow) => row);
  return { data: await withPaths(db, page.data), total: page.total };
}

export async function getCategory(db: Db, id: number): Promise<Category> {
  const row = await db.selectFrom('categories').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('category');
  const [category] = await withPaths(db, [row]);
  return category as Category;
}

export async function createCategory(db: Db, input: CategoryCreate, ctx: AuditContext): Promise<Category> {
  const parentId = input.parentId ?? null;
  try {
    const id = await db.transaction().execute(async (trx) => {
      let level = 1;
      if (parentId !== null) {
        const parent = await trx
          .selectFrom('categories')
          .select(['id', 'level'])
          .where('id', '=', parentId)
          .forShare()
          .executeTakeFirst();
        if (!parent) throw validationFailed({ parentId: 'no such category' });
        level = parent.level + 1;
        if (level > MAX_CATEGORY_LEVEL) {
          throw new AppError(
            422,
            'CATEGORY_TOO_DEEP',
            `Categories go ${MAX_CATEGORY_LEVEL} levels deep at most.`,
            { parentId: `a level-${MAX_CATEGORY_LEVEL} category cannot have subcategories` },
          );
        }
      }
      const sibling = await trx
        .selectFrom('categories')
        .select('id')
        .where((eb) => (parentId === null ? eb('parentId', 'is', null) : eb('parentId', '=', parentId)))
        .where((eb) => eb(eb.fn('lower', ['name']), '=', input.name.toLowerCase()))
        .executeTakeFirst();
      if (sibling) throw nameTaken();
      const row = await trx
        .insertInto('categories')
        .values({
          parentId,
          level,
          name: input.name,
          sortOrder: input.sortOrder ?? 0,
          enabled: input.enabled ?? true,
          createdAt: ctx.at,
          updatedAt: ctx.at,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await writeAudit(trx, { ...ctx, action: 'create', resource: RESOURCE, resourceId: row.id, after: row });
      return row.id;
    });
    return getCategory(db, id);
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken();
    throw error;
  }
}

export async function updateCategory(
  db: Db,
  id: number,
  expectedVersion: number,
  patch: CategoryUpdate,
  ctx: AuditContext,
): Promise<Category> {
  try {
    await db.transaction().execute(async (trx) => {
      const row = await trx
        .selectFrom('categories')
        .selectAll()
        .where('id', '=', id)
        .forUpdate()
        .executeTakeFirst();
      if (!row) throw notFound('category');
      if (row.version !== expectedVersion) throw versionConflict();
      const next = {
        name: patch.name ?? row.name,
        sortOrder: patch.sortOrder ?? row.sortOrder,
        enabled: patch.enabled ?? row.enabled,
      };
      if (next.name === row.name && next.sortOrder === row.sortOrder && next.enabled === row.enabled) return;
      const updated = await trx
        .updateTable('categories')
        .set((eb) => ({ ...next, updatedAt: ctx.at, version: eb('version', '+', 1) }))
        .where('id', '=', id)
        .where('version', '=', expectedVersion)
        .returningAll()
        .executeTakeFirst();
      if (!updated) throw versionConflict();
      await writeAudit(trx, {
        ...ctx,
        action: 'update',
        resource: RESOURCE,
        resourceId: id,
        before: row,
        after: updated,
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken();
    throw error;
  }
  return getCategory(db, id);
}

export async function deleteCategory(db: Db, id: number, ctx: AuditContext): Promise<Category> {
  const category = await getCategory(db, id);
  try {
    await db.transaction().execute(async (trx) => {
      const row = await trx
        .selectFrom('categories')
        .selectAll()
        .where('id', '=', id)
        .forUpdate()
        .executeTakeFirst();
      if (!row) throw notFound('category');
      const child = await trx
        .selectFrom('categories')
        .select('id')
        .where('parentId', '=', id)
        .limit(1)
        .executeTakeFirst();
      const product = await trx
        .selectFrom('products')
        .select('id')
        .where('categoryId', '=', id)
        .limit(1)
        .executeTakeFirst();
      if (child || product) throw notEmpty();
      await trx.deleteFrom('categories').where('id', '=', id).execute();
      await writeAudit(trx, { ...ctx, action: 'delete', resource: RESOURCE, resourceId: id, before: row });
    });
  } catch (error) {
    if (isForeignKeyViolation(error)) throw notEmpty();
    throw error;
  }
  return category;
}

/** The ids of a category and every category under it (three levels at most). */
export async function descendantIds(db: Db, id: number): Promise<number[]> {
  const ids = [id];
  let frontier = [id];
  for (let level = 1; level < MAX_CATEGORY_LEVEL && frontier.length > 0; level++) {
    const children = await db
      .selectFrom('categories')
      .select('id')
      .where('parentId', 'in', frontier)
      .execute();
    frontier = children.map((c) => c.id);
    ids.push(...frontier);
  }
  return ids;
}
