import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCategory, createProduct } from './support/catalog.js';
import { createTestContext, type TestContext } from './support/context.js';
import { onPostgres } from './support/test-db.js';

// One PGlite connection runs one query at a time, so races only exist on PostgreSQL.
describe.runIf(onPostgres)('concurrency on PostgreSQL', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t?.close());

  it('two admins demoting or disabling each other at once always leave an enabled admin', async () => {
    const root = await t.login('admin');
    const created = await t.request('/api/staff-users', {
      cookie: root,
      body: { username: 'admin-b', displayName: '管理乙', role: 'admin', password: 'admin-b-password' },
    });
    expect(created.status).toBe(201);
    const ids = { a: 1, b: created.body.data.id as number };
    const enabledAdmins = () =>
      t.db
        .selectFrom('staffUsers')
        .select('id')
        .where('role', '=', 'admin')
        .where('disabled', '=', false)
        .execute();

    for (let round = 0; round < 15; round++) {
      // The loser of a "disable" round lost its sessions: both sign in afresh each round.
      const cookieA = await t.login('admin');
      const cookieB = (await t.loginAs('admin-b', 'admin-b-password')).cookie as string;
      const [a, b] = await Promise.all(
        (['a', 'b'] as const).map((who) =>
          t.db.selectFrom('staffUsers').selectAll().where('id', '=', ids[who]).executeTakeFirstOrThrow(),
        ),
      );
      const change = round % 2 === 0 ? { role: 'operator' } : { disabled: true };
      const results = await Promise.all([
        t.request(`/api/staff-users/${ids.b}`, {
          method: 'PATCH',
          cookie: cookieA,
          body: change,
          headers: { 'if-match': String(b?.version) },
        }),
        t.request(`/api/staff-users/${ids.a}`, {
          method: 'PATCH',
          cookie: cookieB,
          body: change,
          headers: { 'if-match': String(a?.version) },
        }),
      ]);
      // Exactly one wins. The other is refused by the last-admin rule (409), or, when the
      // winner committed before the loser's request was even authenticated, as the now
      // disabled (401) or demoted (403) user it has become.
      expect(
        results.filter((r) => r.status === 200),
        `round ${round}`,
      ).toHaveLength(1);
      const loser = results.find((r) => r.status !== 200);
      expect([409, 401, 403], `round ${round}`).toContain(loser?.status);
      if (loser?.status === 409) expect(loser.body.error.code).toBe('LAST_ADMIN');
      const remaining = await enabledAdmins();
      expect(remaining, `round ${round}`).toHaveLength(1);
      // Restore both as enabled admins for the next round (directly: the losers' sessions may be gone).
      await t.db
        .updateTable('staffUsers')
        .set({ role: 'admin', disabled: false })
        .where('id', 'in', [ids.a, ids.b])
        .execute();
    }
  });

  it('20 parallel settings PATCHes with the same version: exactly one 200, the rest 409', async () => {
    const admin = await t.login('admin');
    const { version } = (await t.request('/api/settings/shop', { cookie: admin })).body.data;
    const auditBefore = await t.countRows('auditLogs');
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        t.request('/api/settings/shop', {
          method: 'PATCH',
          cookie: admin,
          body: { csSlaHours: 1 + i },
          headers: { 'if-match': String(version) },
        }),
      ),
    );
    const ok = results.filter((r) => r.status === 200);
    expect(ok).toHaveLength(1);
    expect(results.filter((r) => r.status === 409 && r.body.error.code === 'VERSION_CONFLICT')).toHaveLength(
      19,
    );
    const now = (await t.request('/api/settings/shop', { cookie: admin })).body.data;
    expect(now.version).toBe(version + 1);
    expect(now.csSlaHours).toBe(ok[0]?.body.data.csSlaHours);
    expect(await t.countRows('auditLogs')).toBe(auditBefore + 1);
  });

  it('the retention job runs once when several instances start it at the same moment', async () => {
    const { runAuditRetention } = await import('../src/jobs/audit-retention.js');
    const now = t.clock.now();
    const outcomes = await Promise.all(
      Array.from({ length: 6 }, () =>
        runAuditRetention(t.db, { retentionDays: 365, now, minIntervalMs: 3_600_000 }),
      ),
    );
    expect(outcomes.filter((o) => o.ran)).toHaveLength(1);
  });

  it('30 parallel -1 adjustments on a SKU with 10 units: 10 succeed, 20 get 422, stock 0, ledger agrees', async () => {
    const operator = await t.login('operator');
    const category = await createCategory(t, operator, '并发库存');
    const product = await createProduct(t, operator, category.id);
    const skuId = product.skus[0].id as number;
    const ledgerSum = async () =>
      Number(
        (
          await t.db
            .selectFrom('inventoryMovements')
            .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('delta'), eb.lit(0)).as('total'))
            .where('skuId', '=', skuId)
            .executeTakeFirstOrThrow()
        ).total,
      );
    expect(await ledgerSum()).toBe(10);
    const results = await Promise.all(
      Array.from({ length: 30 }, () =>
        t.request(`/api/skus/${skuId}/stock-adjustments`, {
          cookie: operator,
          body: { delta: -1, reason: 'manual_adjust', note: 'race' },
        }),
      ),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(10);
    const refused = results.filter((r) => r.status === 422);
    expect(refused).toHaveLength(20);
    for (const r of refused) expect(r.body.error.code).toBe('INSUFFICIENT_STOCK');
    const sku = await t.db
      .selectFrom('skus')
      .select('stock')
      .where('id', '=', skuId)
      .executeTakeFirstOrThrow();
    expect(sku.stock).toBe(0);
    expect(await ledgerSum()).toBe(0);
    const afters = results.filter((r) => r.status === 201).map((r) => r.body.data.stockAfter as number);
    expect(afters.sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
});
