import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, passwordOf, type TestContext } from './support/context.js';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

const MINUTE = 60_000;

async function newStaff(role: 'operator' | 'admin' = 'operator') {
  const admin = await t.login('admin');
  const username = `u${Math.random().toString(36).slice(2, 10)}`;
  const res = await t.request('/api/staff-users', {
    cookie: admin,
    body: { username, displayName: '测试员', role, password: 'first-password-1' },
  });
  expect(res.status).toBe(201);
  return { id: res.body.data.id as number, username, password: 'first-password-1', admin };
}

describe('login', () => {
  it('sets an HttpOnly, SameSite=Strict session cookie and returns the user with permissions', async () => {
    const { username, password } = passwordOf('manager');
    const { res } = await t.loginAs(username, password);
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^siyu_session=[A-Za-z0-9_-]{40,}/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).not.toMatch(/Secure/);
    expect(res.body.data).toMatchObject({ username: 'manager', role: 'manager' });
    expect(res.body.data.permissions.audit_logs).toEqual(['read']);
    expect(res.body.data.permissions.staff_users).toBeUndefined();
  });

  it('marks the cookie Secure when the request came over https', async () => {
    const { username, password } = passwordOf('customer_service');
    const res = await t.app.request('https://localhost/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://localhost' },
      body: JSON.stringify({ username, password }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toMatch(/Secure/);
  });

  it('stores only a hash of the session token, and issues a new session id at each login', async () => {
    const first = await t.login('customer_service');
    const { res, cookie: second } = await t.loginAs('cs', passwordOf('customer_service').password, {
      cookie: first,
    });
    expect(res.status).toBe(200);
    expect(second).toBeDefined();
    expect(second).not.toBe(first);
    // The old cookie's session was ended at login.
    expect((await t.request('/api/auth/me', { cookie: first })).status).toBe(401);
    expect((await t.request('/api/auth/me', { cookie: second })).status).toBe(200);
    const token = second?.split('=')[1] ?? '';
    const ids = await t.db.selectFrom('sessions').select('id').execute();
    expect(ids.every((row) => /^[0-9a-f]{64}$/.test(row.id) && row.id !== token)).toBe(true);
  });

  it('answers a wrong password and an unknown user alike with 401 INVALID_CREDENTIALS', async () => {
    const wrong = await t.request('/api/auth/login', {
      body: { username: 'operator', password: 'not-it-at-all' },
    });
    const unknown = await t.request('/api/auth/login', {
      body: { username: 'nobody-here', password: 'not-it-at-all' },
    });
    for (const res of [wrong, unknown]) {
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('INVALID_CREDENTIALS');
      expect(res.body.error.requestId).toBeTruthy();
    }
    expect(wrong.body.error.message).toBe(unknown.body.error.message);
    expect(wrong.headers.get('set-cookie')).toBeNull();
  });

  it('audits logins, failed logins and logouts', async () => {
    const before = await t.countRows('auditLogs');
    const cookie = await t.login('manager');
    await t.request('/api/auth/login', { body: { username: 'manager', password: 'wrong-password' } });
    await t.request('/api/auth/logout', { method: 'POST', cookie });
    const rows = await t.db.selectFrom('auditLogs').select('action').orderBy('id', 'desc').limit(3).execute();
    expect(rows.map((r) => r.action)).toEqual(['logout', 'login_failed', 'login']);
    expect(await t.countRows('auditLogs')).toBe(before + 3);
  });

  it('rejects a disabled account with 401 ACCOUNT_DISABLED (only when the password is right)', async () => {
    const user = await newStaff();
    const version = (await t.request(`/api/staff-users/${user.id}`, { cookie: user.admin })).body.data
      .version;
    const disabled = await t.request(`/api/staff-users/${user.id}`, {
      method: 'PATCH',
      cookie: user.admin,
      headers: { 'if-match': String(version) },
      body: { disabled: true },
    });
    expect(disabled.status).toBe(200);
    const right = await t.loginAs(user.username, user.password);
    expect(right.res.status).toBe(401);
    expect(right.res.body.error.code).toBe('ACCOUNT_DISABLED');
    const wrong = await t.loginAs(user.username, 'wrong-password-x');
    expect(wrong.res.body.error.code).toBe('INVALID_CREDENTIALS');
  });
});

describe('sessions', () => {
  it('logout ends the session: the old cookie gets 401 afterwards, and the cookie is cleared', async () => {
    const cookie = await t.login('operator');
    expect((await t.request('/api/auth/me', { cookie })).status).toBe(200);
    const out = await t.request('/api/auth/logout', { method: 'POST', cookie });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/siyu_session=;.*Max-Age=0/);
    const after = await t.request('/api/auth/me', { cookie });
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('expires after 30 idle minutes', async () => {
    const cookie = await t.login('operator');
    t.clock.advance(29 * MINUTE);
    expect((await t.request('/api/auth/me', { cookie })).status).toBe(200);
    t.clock.advance(29 * MINUTE); // activity above kept it alive
    expect((await t.request('/api/auth/me', { cookie })).status).toBe(200);
    t.clock.advance(31 * MINUTE);
    expect((await t.request('/api/auth/me', { cookie })).status).toBe(401);
  });

  it('expires 12 hours after login however active it is', async () => {
    const cookie = await t.login('operator');
    // 24 × 29 min = 11 h 36 min of steady activity: still signed in.
    for (let step = 0; step < 24; step++) {
      t.clock.advance(29 * MINUTE);
      expect((await t.request('/api/auth/me', { cookie })).status).toBe(200);
    }
    t.clock.advance(29 * MINUTE); // 12 h 05 min after login
    expect((await t.request('/api/auth/me', { cookie })).status).toBe(401);
  });

  it('disabling a user ends their sessions at once', async () => {
    const user = await newStaff();
    const { cookie } = await t.loginAs(user.username, user.password);
    expect((await t.request('/api/auth/me', { cookie })).status).toBe(200);
    const version = (await t.request(`/api/staff-users/${user.id}`, { cookie: user.admin })).body.data
      .version;
    await t.request(`/api/staff-users/${user.id}`, {
      method: 'PATCH',
      cookie: user.admin,
      headers: { 'if-match': String(version) },
      body: { disabled: true },
    });
    expect((await t.request('/api/auth/me', { cookie })).status).toBe(401);
  });

  it('changing my password ends my other sessions but keeps this one', async () => {
    const user = await newStaff();
    const a = (await t.loginAs(user.username, user.password)).cookie;
    const b = (await t.loginAs(user.username, user.password)).cookie;
    const wrong = await t.request('/api/auth/password', {
      cookie: a,
      body: { currentPassword: 'not-the-password', newPassword: 'second-password-2' },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.fields.currentPassword).toBeTruthy();
    const res = await t.request('/api/auth/password', {
      cookie: a,
      body: { currentPassword: user.password, newPassword: 'second-password-2' },
    });
    expect(res.status).toBe(204);
    expect((await t.request('/api/auth/me', { cookie: a })).status).toBe(200);
    expect((await t.request('/api/auth/me', { cookie: b })).status).toBe(401);
    expect((await t.loginAs(user.username, 'second-password-2')).res.status).toBe(200);
  });
});

describe('login limits', () => {
  it('locks an account for 15 minutes after 5 failures, even for the right password', async () => {
    const user = await newStaff();
    for (let i = 0; i < 5; i++) {
      const res = await t.request('/api/auth/login', {
        body: { username: user.username, password: `wrong-${i}` },
      });
      expect(res.status).toBe(401);
    }
    const locked = await t.loginAs(user.username, user.password);
    expect(locked.res.status).toBe(429);
    expect(locked.res.body.error.code).toBe('ACCOUNT_LOCKED');
    expect(locked.res.body.error.message).toMatch(/until \d{4}-\d\d-\d\dT/);
    const lockout = await t.db
      .selectFrom('auditLogs')
      .select('action')
      .where('action', '=', 'lockout')
      .where('resourceId', '=', String(user.id))
      .execute();
    expect(lockout).toHaveLength(1);
    t.clock.advance(16 * MINUTE);
    expect((await t.loginAs(user.username, user.password)).res.status).toBe(200);
  });

  it('refuses a client address with 20 failures in 15 minutes (429 RATE_LIMITED), others still sign in', async () => {
    t.setClientIp('203.0.113.9');
    for (let i = 0; i < 20; i++) {
      const res = await t.request('/api/auth/login', {
        body: { username: `ghost${i % 4}`, password: 'wrong-password' },
      });
      expect(res.status).toBe(401);
    }
    const limited = await t.loginAs('manager', passwordOf('manager').password);
    expect(limited.res.status).toBe(429);
    expect(limited.res.body.error.code).toBe('RATE_LIMITED');
    t.setClientIp('203.0.113.10');
    expect((await t.loginAs('manager', passwordOf('manager').password)).res.status).toBe(200);
    t.setClientIp('203.0.113.9');
    t.clock.advance(16 * MINUTE);
    expect((await t.loginAs('manager', passwordOf('manager').password)).res.status).toBe(200);
    t.setClientIp(undefined);
  });
});

describe('passwords', () => {
  it('are stored as argon2id hashes', async () => {
    const user = await newStaff();
    const row = await t.db
      .selectFrom('staffUsers')
      .select('passwordHash')
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(row.passwordHash.startsWith('$argon2id$')).toBe(true);
    expect(row.passwordHash).not.toContain(user.password);
  });

  it('production cost is at least 19 MiB, t=2, p=1', async () => {
    const { loadConfig } = await import('../src/config.js');
    expect(loadConfig({}).argon2).toEqual({ memoryCost: 19_456, timeCost: 2, parallelism: 1 });
  });

  it('shorter than 10 characters are refused on create and on reset', async () => {
    const admin = await t.login('admin');
    const before = await t.countRows('staffUsers');
    const create = await t.request('/api/staff-users', {
      cookie: admin,
      body: { username: 'shortpw', displayName: '短密码', role: 'operator', password: 'short-1' },
    });
    expect(create.status).toBe(400);
    expect(create.body.error.fields.password).toMatch(/10/);
    expect(await t.countRows('staffUsers')).toBe(before);
    const user = await newStaff();
    const reset = await t.request(`/api/staff-users/${user.id}/reset-password`, {
      cookie: admin,
      body: { password: 'short-2' },
    });
    expect(reset.status).toBe(400);
    expect(reset.body.error.fields.password).toBeTruthy();
    expect((await t.loginAs(user.username, user.password)).res.status).toBe(200);
  });
});
