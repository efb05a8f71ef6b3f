/**
 * Demo data (idempotent): the four demo accounts, one per role, and a few dozen audit rows
 * spread over the last weeks so the audit screen has something to show; with `catalog`, the demo
 * catalog too (categories, products, SKUs, opening stock, images: see catalog.ts), and with
 * `history` as well, members and their orders over the last 180 days (see orders.ts) and the
 * after-sales cases and refunds of those orders (see after-sales.ts).
 */
import type { Role } from '@siyu/shared';
import type { PasswordHasher } from '../../auth/password.js';
import { writeAudit } from '../../lib/audit.js';
import type { Db } from '../connect.js';
import { seedDemoAfterSales } from './after-sales.js';
import { type CatalogOptions, seedCatalog } from './catalog.js';
import { demoChannel, seedDemoChannel } from './channel.js';
import { type DemoOrdersOptions, seedDemoOrders } from './orders.js';
import { seedShippingTemplates } from './shipping-templates.js';

export const demoAccounts: {
  username: string;
  password: string;
  displayName: string;
  role: Role;
  phone: string;
}[] = [
  { username: 'admin', password: 'admin-demo-1', displayName: '王管理', role: 'admin', phone: '13800001001' },
  {
    username: 'operator',
    password: 'operator-demo-1',
    displayName: '李运营',
    role: 'operator',
    phone: '13800001002',
  },
  {
    username: 'cs',
    password: 'cs-demo-1',
    displayName: '陈客服',
    role: 'customer_service',
    phone: '13800001003',
  },
  {
    username: 'manager',
    password: 'manager-demo-1',
    displayName: '赵经理',
    role: 'manager',
    phone: '13800001004',
  },
];

const DAY_MS = 86_400_000;
// A history each role could really have made: sessions for everyone, settings changes by the admin.
const sessionActions = ['login', 'logout', 'login', 'login_failed'] as const;

export async function seedDemo(
  db: Db,
  hasher: PasswordHasher,
  now: Date = new Date(),
  catalog?: Omit<CatalogOptions, 'now'>,
  history?: Pick<DemoOrdersOptions, 'orders' | 'members'> & {
    /** After-sales cases over the paid orders (default true; see after-sales.ts). */
    afterSales?: boolean;
  },
): Promise<void> {
  const existing = await db.selectFrom('staffUsers').select('username').execute();
  const have = new Set(existing.map((row) => row.username));
  const missing = demoAccounts.filter((account) => !have.has(account.username));
  const hashes = await Promise.all(missing.map((account) => hasher.hash(account.password)));

  await db.transaction().execute(async (trx) => {
    for (const [index, account] of missing.entries()) {
      await trx
        .insertInto('staffUsers')
        .values({
          username: account.username,
          displayName: account.displayName,
          role: account.role,
          phone: account.phone,
          passwordHash: hashes[index] as string,
          createdAt: now,
          updatedAt: now,
        })
        .execute();
    }
    if (have.size > 0) return;
    const users = await trx
      .selectFrom('staffUsers')
      .select(['id', 'username', 'role'])
      .orderBy('id')
      .execute();
    for (let i = 0; i < 36; i++) {
      const user = users[i % users.length];
      if (!user) break;
      const changesSettings = user.role === 'admin' && i % 3 === 0;
      const action = changesSettings
        ? 'update'
        : (sessionActions[Math.floor(i / users.length) % sessionActions.length] ?? 'login');
      await writeAudit(trx, {
        actor: { id: user.id, name: user.username, role: user.role },
        ip: `192.168.1.${10 + (i % 7)}`,
        requestId: `demo-${String(i).padStart(4, '0')}`,
        at: new Date(now.getTime() - (36 - i) * 0.8 * DAY_MS),
        action,
        resource: changesSettings ? 'settings' : 'auth',
        resourceId: changesSettings ? 'shop' : user.id,
        before: changesSettings ? { csSlaHours: 48 } : null,
        after: changesSettings ? { csSlaHours: 24 } : null,
      });
    }
  });
  await seedDemoChannel(db, now);
  if (catalog) await seedCatalog(db, { ...catalog, now });
  await seedShippingTemplates(db, now);
  // Orders need the catalog's SKUs: no catalog, no history.
  if (catalog && history) {
    const channel = await db
      .selectFrom('channels')
      .select('id')
      .where('key', '=', demoChannel.key)
      .executeTakeFirstOrThrow();
    await seedDemoOrders(db, {
      orders: history.orders,
      members: history.members,
      channelId: channel.id,
      now,
    });
    if (history.orders > 0 && history.afterSales !== false)
      await seedDemoAfterSales(db, { channelId: channel.id, now });
  }
}
