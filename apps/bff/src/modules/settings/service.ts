/** The shop's settings: one row, edited with optimistic locking, every change audited. */
import { defaultSettings, type Settings, type SettingsUpdate, SHOP_SETTINGS_ID } from '@siyu/shared';
import type { Kysely } from 'kysely';
import type { Db } from '../../db/connect.js';
import type { Database, SettingsRow } from '../../db/schema.js';
import { type AuditContext, writeAudit } from '../../lib/audit.js';
import { notFound } from '../../lib/errors.js';
import { versionConflict } from '../../lib/if-match.js';

export function toSettings(row: SettingsRow): Settings {
  return {
    id: SHOP_SETTINGS_ID,
    shopName: row.shopName,
    timeZone: row.timeZone,
    orderAutoCloseMinutes: row.orderAutoCloseMinutes,
    autoConfirmDays: row.autoConfirmDays,
    refundWindowDays: row.refundWindowDays,
    csSlaHours: row.csSlaHours,
    kpiConversionAlertBp: row.kpiConversionAlertBp,
    kpiRepurchase7dAlertBp: row.kpiRepurchase7dAlertBp,
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

/** Creates the settings row with the defaults when it is missing (every start, idempotent). */
export async function ensureSettings(db: Kysely<Database>): Promise<void> {
  await db
    .insertInto('settings')
    .values({ id: SHOP_SETTINGS_ID, ...defaultSettings, updatedAt: new Date() })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}

export async function getSettings(db: Db, id: string = SHOP_SETTINGS_ID): Promise<Settings> {
  const row = await db.selectFrom('settings').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('settings record');
  return toSettings(row);
}

export async function updateSettings(
  db: Db,
  id: string,
  expectedVersion: number,
  patch: SettingsUpdate,
  ctx: AuditContext,
): Promise<Settings> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('settings')
      .selectAll()
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw notFound('settings record');
    if (row.version !== expectedVersion) throw versionConflict();
    const updated = await trx
      .updateTable('settings')
      .set((eb) => ({ ...patch, updatedAt: ctx.at, version: eb('version', '+', 1) }))
      .where('id', '=', SHOP_SETTINGS_ID)
      .where('version', '=', expectedVersion)
      .returningAll()
      .executeTakeFirst();
    if (!updated) throw versionConflict();
    const before = toSettings(row);
    const after = toSettings(updated);
    await writeAudit(trx, {
      ...ctx,
      action: 'update',
      resource: 'settings',
      resourceId: SHOP_SETTINGS_ID,
      before,
      after,
    });
    return after;
  });
}
