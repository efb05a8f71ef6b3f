import type { Category } from '@siyu/shared';

export interface CategoryNode {
  category: Category;
  depth: number;
}

/** Flat rows (parentId, sortOrder) → depth-first order with each row's depth, siblings by sortOrder. */
export function flattenTree(rows: readonly Category[]): CategoryNode[] {
  const children = new Map<number | null, Category[]>();
  const ids = new Set(rows.map((row) => row.id));
  for (const row of rows) {
    // A row whose parent is not loaded is shown at the top level rather than lost.
    const parent = row.parentId !== null && ids.has(row.parentId) ? row.parentId : null;
    const list = children.get(parent) ?? [];
    list.push(row);
    children.set(parent, list);
  }
  for (const list of children.values()) list.sort((a, b) => a.sortOrder - b.sortOrder || a.id - b.id);
  const out: CategoryNode[] = [];
  const walk = (parent: number | null, depth: number) => {
    for (const category of children.get(parent) ?? []) {
      out.push({ category, depth });
      walk(category.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

export const categoryPath = (category: Pick<Category, 'path'>) => category.path.join(' › ');
