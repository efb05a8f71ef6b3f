/**
 * createTestContext(): an app on its own migrated, demo-seeded database, with helpers to call
 * it as the SPA does (JSON, same-origin), sign in as a role, set the client address and move
 * the clock.
 */
import type { Role } from '@siyu/shared';
import { buildApp } from '../../src/app.js';
import { createPasswordHasher } from '../../src/auth/password.js';
import { type Config, loadConfig } from '../../src/config.js';
import type { Db } from '../../src/db/connect.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { demoAccounts, seedDemo } from '../../src/db/seed/demo.js';
import { ensureSettings } from '../../src/modules/settings/service.js';
import { openTestDatabase } from './test-db.js';

export const ORIGIN = 'http://localhost';

export type RequestOptions = {
  method?: string;
  body?: unknown;
  /** A raw body string, sent as is (malformed JSON, huge payloads). */
  rawBody?: string;
  cookie?: string;
  headers?: Record<string, string>;
  ip?: string;
};

export type TestResponse = {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: tests read any JSON shape.
  body: any;
  text: string;
};

export const passwordOf = (role: Role) => {
  const account = demoAccounts.find((a) => a.role === role);
  if (!account) throw new Error(`no demo account for ${role}`);
  return account;
};

export async function createTestContext(options: { config?: Partial<Config> } = {}) {
  const { db, drop } = await openTestDatabase();
  // Tests use a cheap argon2 cost (the hash is still argon2id); production keeps 19 MiB, t=2.
  const config: Config = {
    ...loadConfig({ LOG_LEVEL: 'silent', DATA_DIR: 'memory://' }),
    argon2: { memoryCost: 1024, timeCost: 2, parallelism: 1 },
    ...options.config,
  };
  const hasher = createPasswordHasher(config.argon2);
  let now = Date.now();
  const clock = () => new Date(now);
  await migrateToLatest(db);
  await ensureSettings(db);
  await seedDemo(db, hasher, clock());
  const app = buildApp({ db, config, clock, hasher });
  let defaultIp: string | undefined;

  async function request(path: string, init: RequestOptions = {}): Promise<TestResponse> {
    const method = init.method ?? (init.body !== undefined || init.rawBody !== undefined ? 'POST' : 'GET');
    const headers: Record<string, string> = {};
    if (method !== 'GET' && method !== 'HEAD') {
      headers['content-type'] = 'application/json';
      headers.origin = ORIGIN;
    }
    if (init.cookie) headers.cookie = init.cookie;
    Object.assign(headers, init.headers);
    const body =
      init.rawBody ??
      (init.body !== undefined
        ? JSON.stringify(init.body)
        : method === 'GET' || method === 'HEAD'
          ? undefined
          : '{}');
    const ip = init.ip ?? defaultIp;
    const res = await app.request(
      `${ORIGIN}${path}`,
      { method, headers, body },
      ip ? { clientIp: ip } : undefined,
    );
    const text = await res.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    return { status: res.status, headers: res.headers, body: parsed, text };
  }

  function cookieFrom(res: TestResponse): string | undefined {
    const header = res.headers.get('set-cookie') ?? '';
    const match = /siyu_session=([^;]+)/.exec(header);
    return match?.[1] ? `siyu_session=${match[1]}` : undefined;
  }

  async function loginAs(username: string, password: string, init: RequestOptions = {}) {
    const res = await request('/api/auth/login', { ...init, body: { username, password } });
    return { res, cookie: cookieFrom(res) };
  }

  async function login(role: Role): Promise<string> {
    const account = passwordOf(role);
    const { res, cookie } = await loginAs(account.username, account.password);
    if (res.status !== 200 || !cookie) throw new Error(`login as ${role} failed: ${res.status} ${res.text}`);
    return cookie;
  }

  const countRows = async (table: 'staffUsers' | 'auditLogs' | 'sessions' | 'settings') => {
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return row.n;
  };

  return {
    app,
    db: db as Db,
    config,
    hasher,
    request,
    login,
    loginAs,
    cookieFrom,
    countRows,
    setClientIp: (ip: string | undefined) => {
      defaultIp = ip;
    },
    clock: {
      now: clock,
      advance: (ms: number) => {
        now += ms;
      },
    },
    close: drop,
  };
}

export type TestContext = Awaited<ReturnType<typeof createTestContext>>;
