/** Gives the postgres project a server: TEST_DATABASE_URL, or an embedded PostgreSQL started here. */
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from './embedded-postgres.js';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const external = process.env.TEST_DATABASE_URL;
  if (external) {
    project.provide('postgresUrl', external);
    return;
  }
  const server = await startEmbeddedPostgres({ postgresFlags: ['-c', 'max_connections=200'] });
  project.provide('postgresUrl', server.url);
  return () => server.stop();
}
