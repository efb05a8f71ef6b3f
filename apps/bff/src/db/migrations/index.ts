/** The static list of migrations, in order: a bundle cannot scan a folder. */
import type { Migration } from 'kysely/migration';
import * as initial from './0001_initial.js';
import * as catalog from './0002_catalog.js';
import * as productImages from './0003_product_images.js';
import * as jobs from './0004_jobs.js';

export const migrations: Record<string, Migration> = {
  '0001_initial': initial,
  '0002_catalog': catalog,
  '0003_product_images': productImages,
  '0004_jobs': jobs,
};
