import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from './support/context.js';

let t: TestContext;
let admin: string;
beforeAll(async () => {
  t = await createTestContext();
  admin = await t.login('admin');
});
afterAll(() => t.close());

const create = (body: Record<string, unknown>) => t.request('/api/staff-users', { cookie: admin, body });
const get = async (id: number) => (await t.request(`/api/staff-users/${id}`, { cookie: admin })).body.data;
const patch = (id: number, version: number | undefined, body: Record<string, unknown>, cookie = admin) =>
  t.request(`/api/staff-users/${id}`, {
    method: 'PATCH',
    cookie,
    body,
    headers: version === undefined ? {} : { 'if-match': String(version) },
  });

describe('staff users', () => {
  it('creates a user who can then sign in; the phone is masked on the way out', async () => {
    const res = await create({
      username: 'Xiaoli',
      displayName: '小李',
      role: 'operator',
      phone: '13912345678',
      password: 'xiaoli-password-1',
    });
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({
      username: 'xiaoli',
      role: 'operator',
      phone: '139****5678',
      version: 1,
    });
    expect(res.body.data.passwordHash).toBeUndefined();
    expect((await t.loginAs('xiaoli', 'xiaoli-password-1')).res.status).toBe(200);
  });

  it('refuses a taken username with 409 USERNAME_TAKEN and fields.username', async () => {
    const res = await create({
      username: 'admin',
      displayName: '冒名',
      role: 'admin',
      password: 'long-enough-pw',
    });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('USERNAME_TAKEN');
    expect(res.body.error.fields.username).toBeTruthy();
  });

  it('lists with paging, sort, filter and getMany', async () => {
    const page = await t.request('/api/staff-users?page=1&perPage=2&sort=username&order=ASC', {
      cookie: admin,
    });
    expect(page.status).toBe(200);
    expect(page.body.data).toHaveLength(2);
    expect(page.body.total).toBeGreaterThanOrEqual(5);
    expect(page.body.data[0].username).toBe('admin');
    const filter = encodeURIComponent(JSON.stringify({ role: 'manager' }));
    const managers = await t.request(`/api/staff-users?filter=${filter}`, { cookie: admin });
    expect(managers.body.data.map((u: { username: string }) => u.username)).toEqual(['manager']);
    const q = encodeURIComponent(JSON.stringify({ q: '客服' }));
    expect((await t.request(`/api/staff-users?filter=${q}`, { cookie: admin })).body.total).toBe(1);
    const many = await t.request('/api/staff-users?ids=1,2', { cookie: admin });
    expect(many.body.data.map((u: { id: number }) => u.id).sort()).toEqual([1, 2]);
    expect(many.body.total).toBeUndefined();
    expect((await t.request('/api/staff-users/99999', { cookie: admin })).status).toBe(404);
  });

  it('sorts by every whitelisted field, camelCase columns included', async () => {
    for (const sort of ['id', 'username', 'displayName', 'role', 'createdAt', 'lastLoginAt']) {
      const res = await t.request(`/api/staff-users?sort=${sort}&order=DESC&perPage=100`, { cookie: admin });
      expect(res.status, sort).toBe(200);
      expect(res.body.data.length).toBe(res.body.total);
    }
    const byName = await t.request('/api/staff-users?sort=displayName&order=DESC&perPage=100', {
      cookie: admin,
    });
    const names = byName.body.data.map((u: { displayName: string }) => u.displayName);
    // PostgreSQL orders by its collation (C here and in the test server), i.e. by code point.
    const expected = [...names].sort((a: string, b: string) => (a < b ? 1 : a > b ? -1 : 0));
    expect(names).toEqual(expected);
  });

  it('edits with If-Match; missing → 428, stale → 409 and nothing changes', async () => {
    const user = (
      await create({ username: 'editme', displayName: '原名', role: 'operator', password: 'editme-password' })
    ).body.data;
    const missing = await patch(user.id, undefined, { displayName: '新名' });
    expect(missing.status).toBe(428);
    expect(missing.body.error.code).toBe('PRECONDITION_REQUIRED');
    const ok = await patch(user.id, user.version, { displayName: '新名', role: 'manager' });
    expect(ok.status).toBe(200);
    expect(ok.body.data).toMatchObject({ displayName: '新名', role: 'manager', version: user.version + 1 });
    const auditBefore = await t.countRows('auditLogs');
    const stale = await patch(user.id, user.version, { displayName: '覆盖' });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('VERSION_CONFLICT');
    expect(stale.body.error.message).toMatch(/someone else saved this record first/i);
    expect(await get(user.id)).toMatchObject({ displayName: '新名', version: user.version + 1 });
    expect(await t.countRows('auditLogs')).toBe(auditBefore);
  });

  it('never lets the last enabled admin be demoted or disabled (409 LAST_ADMIN)', async () => {
    const me = await get(1);
    const demote = await patch(1, me.version, { role: 'operator' });
    expect(demote.status).toBe(409);
    expect(demote.body.error.code).toBe('LAST_ADMIN');
    const disable = await patch(1, me.version, { disabled: true });
    expect(disable.body.error.code).toBe('LAST_ADMIN');
    expect(await get(1)).toMatchObject({ role: 'admin', disabled: false, version: me.version });
    // With a second admin the first may step down.
    const second = (
      await create({
        username: 'admin2',
        displayName: '第二管理',
        role: 'admin',
        password: 'admin2-password',
      })
    ).body.data;
    const stepDown = await patch(1, me.version, { role: 'manager' });
    expect(stepDown.status).toBe(200);
    const cookie2 = (await t.loginAs('admin2', 'admin2-password')).cookie as string;
    const back = await patch(1, stepDown.body.data.version, { role: 'admin' }, cookie2);
    expect(back.status).toBe(200);
    const disableSecond = await patch(second.id, second.version, { disabled: true });
    expect(disableSecond.status).toBe(200);
  });

  it('reset password: ends the sessions, the old password fails and the new one works', async () => {
    const user = (
      await create({ username: 'resetme', displayName: '重置', role: 'operator', password: 'old-password-1' })
    ).body.data;
    const session = (await t.loginAs('resetme', 'old-password-1')).cookie as string;
    const res = await t.request(`/api/staff-users/${user.id}/reset-password`, {
      cookie: admin,
      body: { password: 'new-password-2' },
    });
    expect(res.status).toBe(200);
    expect(res.body.data.id).toBe(user.id);
    expect((await t.request('/api/auth/me', { cookie: session })).status).toBe(401);
    expect((await t.loginAs('resetme', 'old-password-1')).res.status).toBe(401);
    expect((await t.loginAs('resetme', 'new-password-2')).res.status).toBe(200);
    const row = await t.db
      .selectFrom('auditLogs')
      .selectAll()
      .orderBy('id', 'desc')
      .where('action', '=', 'password_reset')
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toMatch(/new-password-2|argon2/);
  });
});
