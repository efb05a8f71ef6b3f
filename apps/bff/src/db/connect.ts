/**
 * Opens Kysely over the embedded PGlite (no DATABASE_URL) or over a node-postgres pool.
 * bigint (int8) values, including count(*), become numbers here and nowhere else.
 */
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { CamelCasePlugin, Kysely, PGliteDialect, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.js';

export type Db = Kysely<Database>;

const INT8_OID = 20;

function int8ToNumber(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new RangeError(`bigint ${value} does not fit a JavaScript number`);
  return n;
}

const plugins = [new CamelCasePlugin({ maintainNestedObjectKeys: true })];

export type DbTarget = { databaseUrl: string | undefined; pgliteDataDir: string; poolSize?: number };

export function openDatabase(target: DbTarget): Db {
  if (target.databaseUrl) {
    const types = new pg.TypeOverrides();
    types.setTypeParser(INT8_OID, int8ToNumber);
    const pool = new pg.Pool({ connectionString: target.databaseUrl, types, max: target.poolSize ?? 10 });
    // An idle pooled connection that the server ends (restart, failover, a test dropping its
    // database) is discarded by pg and replaced on the next query; without a listener the
    // pool would re-throw it as an uncaught exception and end the process.
    pool.on('error', () => {});
    return new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins });
  }
  const dataDir = target.pgliteDataDir;
  if (dataDir !== 'memory://') mkdirSync(dataDir, { recursive: true });
  const pglite = new PGlite({ dataDir, parsers: { [INT8_OID]: int8ToNumber } });
  return new Kysely<Database>({ dialect: new PGliteDialect({ pglite }), plugins });
}
