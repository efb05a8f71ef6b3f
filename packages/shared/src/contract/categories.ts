import { z } from 'zod';
import { Id, listQuery, shortText, Timestamp, Version } from './common.js';

export const MAX_CATEGORY_LEVEL = 3;

/** A flat row; parentId, level and path let the SPA draw the tree. */
export const Category = z
  .object({
    id: z.number().int(),
    parentId: z.number().int().nullable(),
    level: z.number().int().min(1).max(MAX_CATEGORY_LEVEL),
    name: z.string(),
    /** Ancestors' names and its own, root first: 美妆个护 › 面部护理 › 洁面. */
    path: z.array(z.string()),
    pathIds: z.array(z.number().int()),
    sortOrder: z.number().int(),
    enabled: z.boolean(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    version: Version,
  })
  .meta({ id: 'Category' });
export type Category = z.infer<typeof Category>;

const SortOrder = z.number().int().min(0).max(1_000_000);

export const CategoryCreate = z
  .strictObject({
    name: shortText(30),
    parentId: Id.nullable().optional(),
    sortOrder: SortOrder.optional(),
    enabled: z.boolean().optional(),
  })
  .meta({ id: 'CategoryCreate' });
export type CategoryCreate = z.infer<typeof CategoryCreate>;

export const CategoryUpdate = z
  .strictObject({
    name: shortText(30).optional(),
    sortOrder: SortOrder.optional(),
    enabled: z.boolean().optional(),
  })
  .meta({ id: 'CategoryUpdate' });
export type CategoryUpdate = z.infer<typeof CategoryUpdate>;

export const CategoryFilter = z
  .strictObject({
    q: z.string().trim().max(100).optional(),
    parentId: Id.nullable().optional(),
    level: z.number().int().min(1).max(MAX_CATEGORY_LEVEL).optional(),
    enabled: z.boolean().optional(),
  })
  .meta({ id: 'CategoryFilter' });
export type CategoryFilter = z.infer<typeof CategoryFilter>;

export const categorySortFields = ['id', 'name', 'sortOrder', 'level', 'createdAt'] as const;
export const CategoryListQuery = listQuery(categorySortFields);
