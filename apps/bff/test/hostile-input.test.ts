import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type RequestOptions, type TestContext } from './support/context.js';

let t: TestContext;
let admin: string;
let victimId: number;
beforeAll(async () => {
  t = await createTestContext();
  admin = await t.login('admin');
  victimId = (
    await t.request('/api/staff-users', {
      cookie: admin,
      body: { username: 'victim', displayName: '受试者', role: 'operator', password: 'victim-password' },
    })
  ).body.data.id;
});
afterAll(() => t.close());

const SQL = "'; drop table staff_users; --";
const SCRIPT = '<script>alert(1)</script>';
const HUGE = 'x'.repeat(1_048_576);
const BIG = 'y'.repeat(200_000);

async function snapshot() {
  const [users, settings, sessions] = await Promise.all([
    t.db.selectFrom('staffUsers').selectAll().orderBy('id').execute(),
    t.db.selectFrom('settings').selectAll().execute(),
    t.db.selectFrom('sessions').select('id').orderBy('id').execute(),
  ]);
  const mutations = await t.db
    .selectFrom('auditLogs')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('action', 'in', ['create', 'update', 'delete', 'password_reset', 'purge'])
    .executeTakeFirstOrThrow();
  return JSON.stringify({ users, settings, sessions, mutations: mutations.n });
}

const version = async (path: string) => (await t.request(path, { cookie: admin })).body.data.version;

type Case = { name: string; path: string; init: RequestOptions; status?: number; field?: string };

async function cases(): Promise<Case[]> {
  const userV = String(await version(`/api/staff-users/${victimId}`));
  const shopV = String(await version('/api/settings/shop'));
  const create = (body: unknown, field?: string, name = JSON.stringify(body).slice(0, 60)): Case => ({
    name: `create ${name}`,
    path: '/api/staff-users',
    init: { body },
    field,
  });
  const base = { displayName: '新人', role: 'operator', password: 'long-enough-pw' };
  const patchUser = (body: unknown, field?: string): Case => ({
    name: `patch user ${JSON.stringify(body).slice(0, 60)}`,
    path: `/api/staff-users/${victimId}`,
    init: { method: 'PATCH', body, headers: { 'if-match': userV } },
    field,
  });
  const patchShop = (body: unknown, field?: string): Case => ({
    name: `patch settings ${JSON.stringify(body).slice(0, 60)}`,
    path: '/api/settings/shop',
    init: { method: 'PATCH', body, headers: { 'if-match': shopV } },
    field,
  });
  return [
    create({ ...base, username: 'fine-name', isAdmin: true }, 'isAdmin'),
    create({ ...base, username: 'fine-name', passwordHash: 'x' }, 'passwordHash'),
    create({ ...base, username: SQL }, 'username'),
    create({ ...base, username: SCRIPT }, 'username'),
    create({ ...base, username: 'fine-name', displayName: BIG }, 'displayName'),
    create({ ...base, username: 'fine-name', role: 'superuser' }, 'role'),
    create({ ...base, username: 12345 }, 'username'),
    create({ ...base, username: 'fine-name', password: ['a'] }, 'password'),
    create({ ...base, username: 'fine-name', phone: SQL }, 'phone'),
    create([1, 2, 3], undefined, 'an array'),
    create(null, undefined, 'null'),
    {
      ...create({}, undefined, 'huge body'),
      init: { rawBody: JSON.stringify({ ...base, username: 'big', displayName: HUGE }) },
      status: 413,
    },
    { ...create({}, undefined, 'malformed JSON'), init: { rawBody: '{"username": "a",' }, status: 400 },
    patchUser({ role: 'root' }, 'role'),
    patchUser({ disabled: 'false' }, 'disabled'),
    patchUser({ username: 'renamed' }, 'username'),
    patchUser({ version: 99 }, 'version'),
    patchUser({ displayName: '' }, 'displayName'),
    patchShop({ timeZone: SQL }, 'timeZone'),
    patchShop({ csSlaHours: -1 }, 'csSlaHours'),
    patchShop({ csSlaHours: 1e12 }, 'csSlaHours'),
    patchShop({ shopName: BIG }, 'shopName'),
    patchShop({ id: 'other' }, 'id'),
    patchShop({ orderAutoCloseMinutes: 30.5 }, 'orderAutoCloseMinutes'),
    {
      name: 'reset with extra field',
      path: `/api/staff-users/${victimId}/reset-password`,
      init: { body: { password: 'long-enough-pw', role: 'admin' } },
      field: 'role',
    },
    {
      name: 'purge as string',
      path: '/api/audit-logs/purge',
      init: { body: { olderThanDays: '9999' } },
      field: 'olderThanDays',
    },
    {
      name: 'purge negative',
      path: '/api/audit-logs/purge',
      init: { body: { olderThanDays: -5 } },
      field: 'olderThanDays',
    },
    {
      name: 'bad If-Match',
      path: `/api/staff-users/${victimId}`,
      init: { method: 'PATCH', body: { displayName: '改' }, headers: { 'if-match': SQL } },
    },
    {
      name: 'login with SQL',
      path: '/api/auth/login',
      init: { body: { username: SQL, password: SQL } },
      status: 401,
    },
    {
      name: 'login with extra field',
      path: '/api/auth/login',
      init: { body: { username: 'admin', password: 'admin-demo-1', role: 'admin' } },
      field: 'role',
    },
  ];
}

describe('hostile input on every write', () => {
  it('is refused with a 4xx envelope (fields where relevant) and changes nothing', async () => {
    for (const c of await cases()) {
      const before = await snapshot();
      const res = await t.request(c.path, { ...c.init, cookie: admin });
      expect(res.status, c.name).toBeGreaterThanOrEqual(400);
      expect(res.status, c.name).toBeLessThan(500);
      if (c.status) expect(res.status, c.name).toBe(c.status);
      expect(res.body?.error?.code, c.name).toBeTruthy();
      expect(res.body.error.requestId, c.name).toBeTruthy();
      if (c.field) expect(res.body.error.fields?.[c.field], `${c.name} → fields.${c.field}`).toBeTruthy();
      expect(await snapshot(), c.name).toBe(before);
    }
    expect(await t.countRows('staffUsers')).toBeGreaterThan(0);
  });

  it('hostile list queries: bad filter JSON, unknown filter keys, scripts, bad paging → 400 with fields', async () => {
    const bad: [string, string][] = [
      [`/api/staff-users?filter=${encodeURIComponent('{not json')}`, 'filter'],
      [`/api/staff-users?filter=${encodeURIComponent(JSON.stringify({ password: 'x' }))}`, 'filter.password'],
      [`/api/staff-users?filter=${encodeURIComponent(JSON.stringify({ role: SCRIPT }))}`, 'filter.role'],
      [`/api/audit-logs?filter=${encodeURIComponent(JSON.stringify({ actorId: SQL }))}`, 'filter.actorId'],
      [
        `/api/audit-logs?filter=${encodeURIComponent(JSON.stringify({ at_gte: 'yesterday' }))}`,
        'filter.at_gte',
      ],
      ['/api/staff-users?page=-1', 'page'],
      ['/api/staff-users?page=99999999999', 'page'],
      ['/api/staff-users?perPage=100000', 'perPage'],
      ['/api/staff-users?sort=password_hash', 'sort'],
      ['/api/staff-users?order=sideways', 'order'],
      [`/api/staff-users?ids=${encodeURIComponent('1;drop table x')}`, 'ids'],
      ['/api/staff-users?unknown=1', 'unknown'],
      ['/api/staff-users/abc', 'id'],
      ['/api/staff-users/-4', 'id'],
    ];
    for (const [path, field] of bad) {
      const res = await t.request(path, { cookie: admin });
      expect(res.status, path).toBe(400);
      expect(res.body.error.code, path).toBe('VALIDATION_FAILED');
      expect(res.body.error.fields?.[field], `${path} → ${field}`).toBeTruthy();
    }
    const q = encodeURIComponent(JSON.stringify({ q: `${SQL}${SCRIPT}%_` }));
    const search = await t.request(`/api/staff-users?filter=${q}`, { cookie: admin });
    expect(search.status).toBe(200);
    expect(search.body.total).toBe(0);
  });

  it('stores hostile but valid text verbatim as data, never as code', async () => {
    const res = await t.request('/api/staff-users', {
      cookie: admin,
      body: { username: 'scripted', displayName: SCRIPT, role: 'operator', password: 'long-enough-pw' },
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    expect(res.body.data.displayName).toBe(SCRIPT);
    const sqlName = await t.request('/api/staff-users', {
      cookie: admin,
      body: { username: 'sqlname', displayName: SQL, role: 'operator', password: 'long-enough-pw' },
    });
    expect(sqlName.status).toBe(201);
    expect((await t.request('/api/staff-users?perPage=1', { cookie: admin })).status).toBe(200);
  });
});
