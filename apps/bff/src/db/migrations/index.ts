/** The static list of migrations, in order: a bundle cannot scan a folder. */
import type { Migration } from 'kysely/migration';
import * as initial from './0001_initial.js';
import * as catalog from './0002_catalog.js';

export const migrations: Record<string, Migration> = {
  '0001_initial': initial,
  '0002_catalog': catalog,
};
