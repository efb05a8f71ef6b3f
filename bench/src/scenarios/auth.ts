/**
 * Auth and the audit log through the BFF, beside the raw SQL it runs:
 *  - POST /api/auth/login (argon2id is deliberately slow: no budget, the figure is for capacity);
 *  - GET /api/auth/me with a session cookie ("record detail p95 ≤ 20 ms");
 *  - GET /api/audit-logs page 1 of 25 sorted by time over ~50,000 rows ("list p95 ≤ 50 ms and
 *    ≤ 2× the same SQL run directly"), and that SQL through `pg` at the same concurrency.
 */
import pg from 'pg';
import { budgets } from '../budgets.js';
import { httpLoad, type LoadOptions, type LoadResult, taskLoad } from '../load.js';
import type { Figure } from '../report.js';
import type { BenchServer } from '../server.js';
import { logIn } from '../staff-session.js';

export const AUDIT_ROWS = 50_000;

/** ~50,000 audit rows over the last 180 days, written directly (bulk insert … select). */
async function seedAuditRows(pool: pg.Pool, rows: number): Promise<void> {
  const t0 = performance.now();
  await pool.query(
    `insert into audit_logs (at, actor_id, actor_name, actor_role, action, resource, resource_id, before, after, ip, request_id)
     select now() - (g * interval '311 seconds'),
            1 + g % 4,
            (array['admin', 'operator', 'cs', 'manager'])[1 + g % 4],
            (array['admin', 'operator', 'customer_service', 'manager'])[1 + g % 4],
            (array['update', 'create', 'login', 'delete', 'login_failed'])[1 + g % 5],
            (array['settings', 'staff_users', 'auth', 'audit_logs'])[1 + g % 4],
            (g % 500)::text,
            jsonb_build_object('shopName', '私域小店', 'n', g),
            jsonb_build_object('shopName', '私域小店 ' || g, 'n', g + 1),
            '10.0.' || (g % 250) || '.' || (g % 200),
            md5(g::text)
       from generate_series(1, $1::int) as g`,
    [rows],
  );
  await pool.query('analyze audit_logs');
  console.log(
    `bench: inserted ${rows.toLocaleString('en-US')} audit rows in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
}

export async function authScenario(
  server: BenchServer,
  options: LoadOptions,
): Promise<{ runs: LoadResult[]; figures: Figure[] }> {
  const { baseURL } = server;
  const runs: LoadResult[] = [];
  // The BFF's own pool holds 10 connections; the baseline gets the same, and the same 50 callers.
  const pool = new pg.Pool({ connectionString: server.databaseUrl, max: 10 });
  try {
    console.log('bench: POST /api/auth/login …');
    const login = await httpLoad(
      {
        name: 'POST /api/auth/login',
        url: `${baseURL}/api/auth/login`,
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Origin: baseURL },
        body: JSON.stringify({ username: 'admin', password: 'admin-demo-1' }),
      },
      options,
    );
    runs.push(login);

    const cookie = await logIn(baseURL, 'admin', 'admin-demo-1');
    console.log('bench: GET /api/auth/me …');
    const me = await httpLoad(
      { name: 'GET /api/auth/me', url: `${baseURL}/api/auth/me`, headers: { Cookie: cookie } },
      options,
    );
    runs.push(me);

    await seedAuditRows(pool, AUDIT_ROWS);
    const listPath = '/api/audit-logs?page=1&perPage=25&sort=at&order=DESC';
    const check = await fetch(`${baseURL}${listPath}`, { headers: { Cookie: cookie } });
    const checkBody = (await check.json()) as { data?: unknown[]; total?: number };
    if (!check.ok || checkBody.data?.length !== 25) {
      throw new Error(`audit list answered ${check.status}: ${JSON.stringify(checkBody).slice(0, 300)}`);
    }
    console.log(`bench: GET ${listPath} (total ${checkBody.total}) …`);
    const list = await httpLoad(
      { name: `GET ${listPath}`, url: `${baseURL}${listPath}`, headers: { Cookie: cookie } },
      options,
    );
    runs.push(list);

    // What the BFF runs for that page (apps/bff/src/modules/audit-logs/service.ts): the page
    // and the count, side by side on the pool.
    console.log('bench: the same SQL through pg …');
    const sql = await taskLoad(
      'SQL: audit page 25 by at desc + count(*)',
      () =>
        Promise.all([
          pool.query('select * from audit_logs order by at desc, id desc limit 25 offset 0'),
          pool.query('select count(*) as total from audit_logs'),
        ]),
      options,
    );
    runs.push(sql);

    const figures: Figure[] = [
      {
        name: 'POST /api/auth/login throughput',
        measured: login.rps,
        unit: 'req/s',
        note: `argon2id by design; p95 ${login.p95.toFixed(0)} ms`,
      },
      { name: 'GET /api/auth/me p95', measured: me.p95, unit: 'ms', budget: budgets.recordDetail },
      {
        name: 'GET /api/audit-logs page of 25 p95',
        measured: list.p95,
        unit: 'ms',
        budget: budgets.listPage,
        baseline: { name: 'same SQL via pg', value: sql.p95 },
        note: `${AUDIT_ROWS.toLocaleString('en-US')} rows`,
      },
    ];
    for (const run of runs) {
      if (run.errors > 0 || run.non2xx > 0) {
        figures.push({
          name: `${run.name}: failed requests`,
          measured: run.errors + run.non2xx,
          unit: '',
          note: 'errors and non-2xx answers are not counted in the latencies',
        });
      }
    }
    return { runs, figures };
  } finally {
    await pool.end();
  }
}
