/** Adds each category's path (its ancestors' names and ids, root first) for the SPA's tree. */
import type { Category } from '@siyu/shared';
import type { Db } from '../../db/connect.js';
import type { CategoryRow } from '../../db/schema.js';

export async function withPaths(db: Db, rows: CategoryRow[]): Promise<Category[]> {
  const known = new Map<number, CategoryRow>(rows.map((row) => [row.id, row]));
  // Two rounds reach the root of a three-level tree.
  for (let round = 0; round < 2; round++) {
    const missing = [...known.values()]
      .map((row) => row.parentId)
      .filter((id): id is number => id !== null && !known.has(id));
    if (missing.length === 0) break;
    const parents = await db.selectFrom('categories').selectAll().where('id', 'in', missing).execute();
    for (const parent of parents) known.set(parent.id, parent);
  }
  return rows.map((row) => {
    const chain: CategoryRow[] = [];
    for (
      let at: CategoryRow | undefined = row;
      at;
      at = at.parentId === null ? undefined : known.get(at.parentId)
    )
      chain.unshift(at);
    return {
      id: row.id,
      parentId: row.parentId,
      level: row.level,
      name: row.name,
      path: chain.map((c) => c.name),
      pathIds: chain.map((c) => c.id),
      sortOrder: row.sortOrder,
      enabled: row.enabled,
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
      version: row.version,
    };
  });
}
