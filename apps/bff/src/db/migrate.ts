/** Applies the static migration list, and tells whether every migration has run. */
import { Migrator } from 'kysely/migration';
import type { Db } from './connect.js';
import { migrations } from './migrations/index.js';

function migrator(db: Db): Migrator {
  return new Migrator({ db, provider: { getMigrations: async () => migrations } });
}

export async function migrateToLatest(db: Db): Promise<void> {
  const { error, results } = await migrator(db).migrateToLatest();
  const failed = results?.find((result) => result.status === 'Error');
  if (error || failed) {
    throw new Error(`migration ${failed?.migrationName ?? ''} failed`, { cause: error });
  }
}

export async function migrationsApplied(db: Db): Promise<boolean> {
  const infos = await migrator(db).getMigrations();
  return infos.every((info) => info.executedAt !== undefined);
}
