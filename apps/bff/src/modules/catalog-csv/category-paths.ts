/**
 * Finds the category a new product's row names: a full path ("美妆个护 › 面部护理 › 洁面",
 * also with > or /) or a single name that only one category has. Names compare without case;
 * the console offers only enabled categories for a new product, and so does the import.
 */
import { CATEGORY_PATH_SEPARATOR, splitCategoryPath } from '@siyu/shared';
import type { Db } from '../../db/connect.js';
import { withPaths } from '../categories/tree.js';
import { RowError } from './import-rows.js';

type Found = { id: number; path: string; enabled: boolean };

const keyOf = (names: readonly string[]) => names.join(CATEGORY_PATH_SEPARATOR).toLowerCase();

export async function categoryFinder(db: Db): Promise<(cell: string) => number> {
  const categories = await withPaths(db, await db.selectFrom('categories').selectAll().execute());
  const byPath = new Map<string, Found>();
  const byName = new Map<string, Found[]>();
  for (const category of categories) {
    const found = {
      id: category.id,
      path: category.path.join(CATEGORY_PATH_SEPARATOR),
      enabled: category.enabled,
    };
    byPath.set(keyOf(category.path), found);
    const name = category.name.toLowerCase();
    byName.set(name, [...(byName.get(name) ?? []), found]);
  }
  return (cell) => {
    const text = cell.trim();
    const names = splitCategoryPath(text);
    // A name that itself holds a separator is still found by its whole text.
    const candidates =
      names.length > 1
        ? [byPath.get(keyOf(names)) ?? byName.get(text.toLowerCase())?.[0]].filter((c) => c !== undefined)
        : (byName.get(text.toLowerCase()) ?? []);
    const [only, ...others] = candidates;
    if (!only) throw new RowError('category', `There is no category "${text}".`);
    if (others.length > 0)
      throw new RowError(
        'category',
        `"${text}" names several categories; write the full path: ${candidates.map((c) => c.path).join('; ')}.`,
      );
    if (!only.enabled) throw new RowError('category', `The category ${only.path} is disabled.`);
    return only.id;
  };
}
