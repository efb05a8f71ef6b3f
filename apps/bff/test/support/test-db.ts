/** A database for one test file: in-memory PGlite, or a fresh PostgreSQL database dropped at the end. */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { type Db, openDatabase } from '../../src/db/connect.js';

export const onPostgres = process.env.SIYU_TEST_DB === 'postgres';

async function adminQuery(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

export async function openTestDatabase(): Promise<{ db: Db; drop: () => Promise<void> }> {
  if (!onPostgres) {
    const db = openDatabase({ databaseUrl: undefined, pgliteDataDir: 'memory://' });
    return { db, drop: () => db.destroy() };
  }
  const serverUrl = inject('postgresUrl');
  const name = `t_${randomBytes(6).toString('hex')}`;
  await adminQuery(serverUrl, `create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const db = openDatabase({ databaseUrl: url.toString(), pgliteDataDir: 'memory://', poolSize: 40 });
  return {
    db,
    drop: async () => {
      await db.destroy();
      await adminQuery(serverUrl, `drop database if exists ${name} with (force)`);
    },
  };
}
