/** The shop's settings: one row, edited with optimistic locking, every change audited. */
import { defaultSettings, type Settings, type SettingsUpdate, SHOP_SETTINGS_ID } from '@siyu/shared';
import type { Kysely } from 'kysely';
import type { Db } from '../../db/connect.js';
import type { Database, SettingsRow } from '../../db/schema.js';
import { type AuditContext, writeAudit } from '../../lib/audit.js';
import { notFound } from '../../lib/errors.js';
import { versionConflict } from '../../lib/if-match.js';
import { shortLivedCache } from '../../lib/short-lived-cache.js';

/**
 * Order placement reads the settings on every order, so it may use a copy up to this old: an
 * edit on another instance reaches its orders within this time (on this one, at once).
 */
export const SETTINGS_CACHE_TTL_MS = 5_000;
const settingsById = shortLivedCache<string, Settings>(SETTINGS_CACHE_TTL_MS, 10);

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
    refundAutoApproveHours: row.refundAutoApproveHours,
    returnShipDays: row.returnShipDays,
    refundApprovalLimit: row.refundApprovalLimit,
    bulkApproveMaxAmount: row.bulkApproveMaxAmount,
    afterSalesReasons: row.afterSalesReasons,
    rejectReasonTemplates: row.rejectReasonTemplates,
    returnAddress: row.returnAddress,
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

/** The settings as columns: the lists and the address are stored as JSON. */
type JsonSetting = 'afterSalesReasons' | 'rejectReasonTemplates' | 'returnAddress';
const jsonSettings: readonly JsonSetting[] = ['afterSalesReasons', 'rejectReasonTemplates', 'returnAddress'];
type AsColumns<T> = { [K in keyof T]: K extends JsonSetting ? string : T[K] };

function settingsColumns<T extends SettingsUpdate>(values: T): AsColumns<T> {
  const columns: Record<string, unknown> = { ...values };
  for (const key of jsonSettings) if (values[key] !== undefined) columns[key] = JSON.stringify(values[key]);
  return columns as AsColumns<T>;
}

/** Creates the settings row with the defaults when it is missing (every start, idempotent). */
export async function ensureSettings(db: Kysely<Database>): Promise<void> {
  await db
    .insertInto('settings')
    .values({
      id: SHOP_SETTINGS_ID,
      ...settingsColumns(defaultSettings),
      updatedAt: new Date(),
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}

export async function getSettings(db: Db, id: string = SHOP_SETTINGS_ID): Promise<Settings> {
  const row = await db.selectFrom('settings').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('settings record');
  return toSettings(row);
}

/** getSettings, kept for up to SETTINGS_CACHE_TTL_MS: for hot paths, never for the edit form. */
export async function recentSettings(db: Db, id: string = SHOP_SETTINGS_ID): Promise<Settings> {
  return (await settingsById.get(db, id, () => getSettings(db, id))) as Settings;
}

export async function updateSettings(
  db: Db,
  id: string,
  expectedVersion: number,
  patch: SettingsUpdate,
  ctx: AuditContext,
): Promise<Settings> {
  const saved = await db.transaction().execute(async (trx) => {
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
      .set((eb) => ({ ...settingsColumns(patch), updatedAt: ctx.at, version: eb('version', '+', 1) }))
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
  settingsById.clear(db);
  return saved;
}
