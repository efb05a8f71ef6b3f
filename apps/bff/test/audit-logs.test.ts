import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAuditRetention } from '../src/jobs/audit-retention.js';
import { createTestContext, type TestContext } from './support/context.js';

let t: TestContext;
let admin: string;
beforeAll(async () => {
  t = await createTestContext();
  admin = await t.login('admin');
});
afterAll(() => t.close());

const DAY = 86_400_000;
const q = (filter: Record<string, unknown>, extra = '') =>
  t.request(`/api/audit-logs?filter=${encodeURIComponent(JSON.stringify(filter))}${extra}`, {
    cookie: admin,
  });

async function insertOld(daysAgo: number, action = 'update') {
  await t.db
    .insertInto('auditLogs')
    .values({
      at: new Date(t.clock.now().getTime() - daysAgo * DAY),
      actorId: null,
      actorName: 'old-actor',
      actorRole: null,
      action,
      resource: 'old_things',
      resourceId: String(daysAgo),
      before: null,
      after: null,
      ip: null,
      requestId: null,
    })
    .execute();
}

describe('audit log', () => {
  it('each mutation writes exactly one row with before/after and the request id', async () => {
    const before = await t.countRows('auditLogs');
    const { version } = (await t.request('/api/settings/shop', { cookie: admin })).body.data;
    const res = await t.request('/api/settings/shop', {
      method: 'PATCH',
      cookie: admin,
      body: { shopName: '审计小店' },
      headers: { 'if-match': String(version), 'x-request-id': 'audit-test-0001' },
    });
    expect(res.status).toBe(200);
    expect(await t.countRows('auditLogs')).toBe(before + 1);
    const row = (await q({ resource: 'settings', action: 'update' }, '&perPage=1')).body.data[0];
    expect(row).toMatchObject({
      actorName: 'admin',
      actorRole: 'admin',
      resourceId: 'shop',
      requestId: 'audit-test-0001',
    });
    expect(row.before.shopName).toBe('私域小店');
    expect(row.after.shopName).toBe('审计小店');
    expect(row.ip).toBe('127.0.0.1');
  });

  it('a failed mutation writes no row (the audit shares the transaction)', async () => {
    const before = await t.countRows('auditLogs');
    const taken = await t.request('/api/staff-users', {
      cookie: admin,
      body: { username: 'operator', displayName: '重名', role: 'operator', password: 'long-enough-pw' },
    });
    expect(taken.status).toBe(409);
    const me = (await t.request('/api/staff-users/1', { cookie: admin })).body.data;
    const lastAdmin = await t.request('/api/staff-users/1', {
      method: 'PATCH',
      cookie: admin,
      body: { disabled: true },
      headers: { 'if-match': String(me.version) },
    });
    expect(lastAdmin.status).toBe(409);
    expect(await t.countRows('auditLogs')).toBe(before);
  });

  it('filters by actor, resource, action and date range', async () => {
    const byActor = await q({ actorId: 1 });
    expect(byActor.body.total).toBeGreaterThan(0);
    expect(byActor.body.data.every((r: { actorId: number }) => r.actorId === 1)).toBe(true);
    const byName = await q({ actorName: 'admin', action: 'login' });
    expect(
      byName.body.data.every(
        (r: { action: string; actorName: string }) => r.action === 'login' && r.actorName === 'admin',
      ),
    ).toBe(true);
    const now = t.clock.now().getTime();
    const recent = await q({
      at_gte: new Date(now - 60_000).toISOString(),
      at_lte: new Date(now + 60_000).toISOString(),
    });
    expect(recent.body.total).toBeGreaterThan(0);
    const future = await q({ at_gte: new Date(now + DAY).toISOString() });
    expect(future.body.total).toBe(0);
    const sorted = await t.request('/api/audit-logs?sort=at&order=ASC&perPage=5', { cookie: admin });
    const times = sorted.body.data.map((r: { at: string }) => r.at);
    expect([...times].sort()).toEqual(times);
    const one = await t.request(`/api/audit-logs/${sorted.body.data[0].id}`, { cookie: admin });
    expect(one.body.data.id).toBe(sorted.body.data[0].id);
  });

  it('purge refuses fewer than 180 days and deletes only older rows, audited', async () => {
    await insertOld(400);
    await insertOld(200);
    await insertOld(100);
    const refused = await t.request('/api/audit-logs/purge', { cookie: admin, body: { olderThanDays: 179 } });
    expect(refused.status).toBe(400);
    expect(refused.body.error.fields.olderThanDays).toBeTruthy();
    const res = await t.request('/api/audit-logs/purge', { cookie: admin, body: { olderThanDays: 300 } });
    expect(res.status).toBe(200);
    expect(res.body.data.deleted).toBe(1);
    const left = await q({ resource: 'old_things' });
    expect(left.body.data.map((r: { resourceId: string }) => r.resourceId).sort()).toEqual(['100', '200']);
    expect((await q({ action: 'purge' })).body.data[0].after.deleted).toBe(1);
  });

  it('managers can read but not purge', async () => {
    const manager = await t.login('manager');
    expect((await t.request('/api/audit-logs', { cookie: manager })).status).toBe(200);
    const purge = await t.request('/api/audit-logs/purge', { cookie: manager, body: { olderThanDays: 365 } });
    expect(purge.status).toBe(403);
  });

  it('the retention job purges past the configured days as the system actor, once per interval', async () => {
    await insertOld(366);
    await insertOld(250);
    const first = await runAuditRetention(t.db, {
      retentionDays: 365,
      now: t.clock.now(),
      minIntervalMs: DAY,
    });
    expect(first).toEqual({ ran: true, deleted: 1 });
    await insertOld(370);
    const again = await runAuditRetention(t.db, {
      retentionDays: 365,
      now: t.clock.now(),
      minIntervalMs: DAY,
    });
    expect(again).toEqual({ ran: false });
    const purge = (await q({ action: 'purge', actorName: 'system' })).body.data[0];
    expect(purge).toMatchObject({ actorId: null, actorRole: 'system' });
    await expect(
      runAuditRetention(t.db, {
        retentionDays: 90,
        now: new Date(t.clock.now().getTime() + 2 * DAY),
        minIntervalMs: DAY,
      }),
    ).rejects.toThrow(/180/);
  });
});
