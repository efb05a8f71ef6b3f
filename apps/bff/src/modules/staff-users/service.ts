/**
 * Staff accounts. Rules: usernames are unique; edits carry the version they were made on;
 * there is always at least one enabled admin (checked with every enabled admin row locked,
 * so two admins demoting each other at once cannot both succeed); disabling an account or
 * resetting its password ends its sessions.
 */
import {
  maskPhone,
  type StaffUser,
  type StaffUserCreate,
  StaffUserFilter,
  type StaffUserResetPassword,
  type StaffUserUpdate,
  type staffUserSortFields,
} from '@siyu/shared';
import type { Kysely } from 'kysely';
import { clearAccountFailures } from '../../auth/login-limits.js';
import type { PasswordHasher } from '../../auth/password.js';
import { endUserSessions } from '../../auth/sessions.js';
import type { Db } from '../../db/connect.js';
import type { Database, StaffUserRow } from '../../db/schema.js';
import { type AuditContext, writeAudit } from '../../lib/audit.js';
import { isUniqueViolation } from '../../lib/db-errors.js';
import { AppError, notFound } from '../../lib/errors.js';
import { versionConflict } from '../../lib/if-match.js';
import { fetchPage, type ListQuery, likePattern, parseFilter, parseIds, rowsByIds } from '../../lib/list.js';

const RESOURCE = 'staff_users';

export function toStaffUser(row: StaffUserRow): StaffUser {
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    role: row.role,
    phone: maskPhone(row.phone),
    disabled: row.disabled,
    lastLoginAt: row.lastLoginAt?.toISOString() ?? null,
    lockedUntil: row.lockedUntil?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

type SortField = (typeof staffUserSortFields)[number];

export async function listStaffUsers(
  db: Db,
  query: ListQuery<SortField>,
): Promise<{ data: StaffUser[]; total?: number }> {
  const ids = parseIds(query.ids);
  if (ids) {
    const rows = await rowsByIds(db, 'staffUsers', ids);
    return { data: rows.map(toStaffUser) };
  }
  const filter = parseFilter(StaffUserFilter, query.filter);
  let base = db.selectFrom('staffUsers');
  if (filter.q) {
    const pattern = likePattern(filter.q);
    base = base.where((eb) => eb.or([eb('username', 'ilike', pattern), eb('displayName', 'ilike', pattern)]));
  }
  if (filter.role) base = base.where('role', '=', filter.role);
  if (filter.disabled !== undefined) base = base.where('disabled', '=', filter.disabled);

  return fetchPage(base, query, toStaffUser);
}

export async function getStaffUser(db: Db, id: number): Promise<StaffUser> {
  const row = await db.selectFrom('staffUsers').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('staff user');
  return toStaffUser(row);
}

export async function createStaffUser(
  db: Db,
  hasher: PasswordHasher,
  input: StaffUserCreate,
  ctx: AuditContext,
): Promise<StaffUser> {
  const passwordHash = await hasher.hash(input.password);
  const taken = () =>
    new AppError(409, 'USERNAME_TAKEN', 'This username is already taken.', { username: 'already taken' });
  try {
    return await db.transaction().execute(async (trx) => {
      const existing = await trx
        .selectFrom('staffUsers')
        .select('id')
        .where('username', '=', input.username)
        .executeTakeFirst();
      if (existing) throw taken();
      const row = await trx
        .insertInto('staffUsers')
        .values({
          username: input.username,
          displayName: input.displayName,
          role: input.role,
          phone: input.phone ?? null,
          passwordHash,
          createdAt: ctx.at,
          updatedAt: ctx.at,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      const created = toStaffUser(row);
      await writeAudit(trx, {
        ...ctx,
        action: 'create',
        resource: RESOURCE,
        resourceId: row.id,
        after: created,
      });
      return created;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw taken();
    throw error;
  }
}

/** Locks every enabled admin row, then the target row; both in the caller's transaction. */
async function lockForChange(trx: Kysely<Database>, id: number) {
  const enabledAdmins = await trx
    .selectFrom('staffUsers')
    .select('id')
    .where('role', '=', 'admin')
    .where('disabled', '=', false)
    .orderBy('id')
    .forUpdate()
    .execute();
  const row = await trx
    .selectFrom('staffUsers')
    .selectAll()
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw notFound('staff user');
  return { row, enabledAdminCount: enabledAdmins.length };
}

const isEnabledAdmin = (user: { role: string; disabled: boolean }) => user.role === 'admin' && !user.disabled;

export async function updateStaffUser(
  db: Db,
  id: number,
  expectedVersion: number,
  patch: StaffUserUpdate,
  ctx: AuditContext,
): Promise<StaffUser> {
  return db.transaction().execute(async (trx) => {
    const { row, enabledAdminCount } = await lockForChange(trx, id);
    if (row.version !== expectedVersion) throw versionConflict();
    const next = {
      displayName: patch.displayName ?? row.displayName,
      role: patch.role ?? row.role,
      phone: patch.phone === undefined ? row.phone : patch.phone,
      disabled: patch.disabled ?? row.disabled,
    };
    const changed =
      next.displayName !== row.displayName ||
      next.role !== row.role ||
      next.phone !== row.phone ||
      next.disabled !== row.disabled;
    if (!changed) return toStaffUser(row);
    if (isEnabledAdmin(row) && !isEnabledAdmin(next) && enabledAdminCount <= 1) {
      throw new AppError(409, 'LAST_ADMIN', 'This is the last enabled admin: make another admin first.', {
        [patch.disabled ? 'disabled' : 'role']: 'the shop needs at least one enabled admin',
      });
    }
    const updated = await trx
      .updateTable('staffUsers')
      .set((eb) => ({ ...next, updatedAt: ctx.at, version: eb('version', '+', 1) }))
      .where('id', '=', id)
      .where('version', '=', expectedVersion)
      .returningAll()
      .executeTakeFirst();
    if (!updated) throw versionConflict();
    if (updated.disabled && !row.disabled) await endUserSessions(trx, id);
    const before = toStaffUser(row);
    const after = toStaffUser(updated);
    await writeAudit(trx, { ...ctx, action: 'update', resource: RESOURCE, resourceId: id, before, after });
    return after;
  });
}

export async function resetStaffUserPassword(
  db: Db,
  hasher: PasswordHasher,
  id: number,
  input: StaffUserResetPassword,
  ctx: AuditContext,
): Promise<StaffUser> {
  const passwordHash = await hasher.hash(input.password);
  return db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('staffUsers')
      .set((eb) => ({ passwordHash, lockedUntil: null, updatedAt: ctx.at, version: eb('version', '+', 1) }))
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
    if (!updated) throw notFound('staff user');
    await endUserSessions(trx, id);
    await clearAccountFailures(trx, updated.username);
    const after = toStaffUser(updated);
    await writeAudit(trx, { ...ctx, action: 'password_reset', resource: RESOURCE, resourceId: id, after });
    return after;
  });
}

export async function enabledAdminExists(db: Db): Promise<boolean> {
  const row = await db
    .selectFrom('staffUsers')
    .select('id')
    .where('role', '=', 'admin')
    .where('disabled', '=', false)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
