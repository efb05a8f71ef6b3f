/**
 * Sign in, sign out, who am I, change my password. Unknown user and wrong password answer
 * alike (same message, same argon2 work); failures count per account and per address.
 */
import { type ChangeOwnPasswordInput, type LoginInput, permissionsOf, type SessionUser } from '@siyu/shared';
import { clearAccountFailures, ipIsThrottled, recordFailure } from '../../auth/login-limits.js';
import { createSession, endSession, endUserSessions } from '../../auth/sessions.js';
import type { Deps } from '../../deps.js';
import type { AuthUser } from '../../env.js';
import { type AuditContext, writeAudit } from '../../lib/audit.js';
import { AppError, validationFailed } from '../../lib/errors.js';

const INVALID = 'Wrong username or password.';

export const sessionUserOf = (user: AuthUser): SessionUser => ({
  id: user.id,
  username: user.username,
  displayName: user.displayName,
  role: user.role,
  permissions: permissionsOf(user.role),
});

export type LoginRequest = {
  input: LoginInput;
  ctx: AuditContext;
  userAgent: string | null;
  /** The session the browser still carried, ended at login (a new id is always issued). */
  previousSessionId: string | undefined;
};

export async function login(
  deps: Deps,
  request: LoginRequest,
): Promise<{ token: string; user: SessionUser }> {
  const { db, config, hasher } = deps;
  const { ctx } = request;
  const now = ctx.at;
  const ip = ctx.ip ?? 'unknown';
  const username = request.input.username.toLowerCase();

  if (await ipIsThrottled(db, ip, now, config.loginLimits)) {
    throw new AppError(
      429,
      'RATE_LIMITED',
      'Too many failed sign-ins from this address. Try again in a few minutes.',
    );
  }

  const user = await db
    .selectFrom('staffUsers')
    .selectAll()
    .where('username', '=', username)
    .executeTakeFirst();
  if (user?.lockedUntil && user.lockedUntil.getTime() > now.getTime()) {
    throw new AppError(
      429,
      'ACCOUNT_LOCKED',
      `Too many failed sign-ins: this account is locked until ${user.lockedUntil.toISOString()}.`,
    );
  }

  const passwordOk = user
    ? await hasher.verify(user.passwordHash, request.input.password)
    : await hasher.verifyDummy(request.input.password);

  if (!user || !passwordOk) {
    await db.transaction().execute(async (trx) => {
      const failures = await recordFailure(trx, { username, ip, now }, config.loginLimits);
      const attempted = {
        ...ctx,
        actor: { id: user?.id ?? null, name: username.slice(0, 64), role: user?.role ?? null },
      };
      await writeAudit(trx, {
        ...attempted,
        action: 'login_failed',
        resource: 'auth',
        resourceId: user?.id ?? null,
        after: { username: username.slice(0, 64), reason: user ? 'wrong_password' : 'unknown_user' },
      });
      if (user && failures >= config.loginLimits.maxFailuresPerAccount) {
        const lockedUntil = new Date(now.getTime() + config.loginLimits.lockMs);
        await trx.updateTable('staffUsers').set({ lockedUntil }).where('id', '=', user.id).execute();
        await clearAccountFailures(trx, username);
        await writeAudit(trx, {
          ...attempted,
          action: 'lockout',
          resource: 'staff_users',
          resourceId: user.id,
          after: { lockedUntil: lockedUntil.toISOString(), failures },
        });
      }
    });
    throw new AppError(401, 'INVALID_CREDENTIALS', INVALID);
  }

  if (user.disabled) {
    throw new AppError(401, 'ACCOUNT_DISABLED', 'This account is disabled. Ask an administrator.');
  }

  const token = await db.transaction().execute(async (trx) => {
    if (request.previousSessionId) await endSession(trx, request.previousSessionId);
    const newToken = await createSession(trx, {
      userId: user.id,
      ip: ctx.ip,
      userAgent: request.userAgent,
      now,
      absoluteMs: config.session.absoluteMs,
    });
    await trx
      .updateTable('staffUsers')
      .set({ lastLoginAt: now, lockedUntil: null })
      .where('id', '=', user.id)
      .execute();
    await clearAccountFailures(trx, username);
    await writeAudit(trx, {
      ...ctx,
      actor: { id: user.id, name: user.username, role: user.role },
      action: 'login',
      resource: 'auth',
      resourceId: user.id,
    });
    return newToken;
  });
  return { token, user: sessionUserOf(user) };
}

export async function logout(deps: Deps, sessionId: string, ctx: AuditContext): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    await endSession(trx, sessionId);
    await writeAudit(trx, { ...ctx, action: 'logout', resource: 'auth', resourceId: ctx.actor.id });
  });
}

export async function changeOwnPassword(
  deps: Deps,
  user: AuthUser,
  sessionId: string | undefined,
  input: ChangeOwnPasswordInput,
  ctx: AuditContext,
): Promise<void> {
  const { db, hasher } = deps;
  const row = await db
    .selectFrom('staffUsers')
    .select('passwordHash')
    .where('id', '=', user.id)
    .executeTakeFirst();
  if (!row || !(await hasher.verify(row.passwordHash, input.currentPassword))) {
    throw validationFailed(
      { currentPassword: 'the current password is wrong' },
      'The current password is wrong.',
    );
  }
  if (input.newPassword === input.currentPassword) {
    throw validationFailed({ newPassword: 'choose a password different from the current one' });
  }
  const passwordHash = await hasher.hash(input.newPassword);
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('staffUsers')
      .set((eb) => ({ passwordHash, updatedAt: ctx.at, version: eb('version', '+', 1) }))
      .where('id', '=', user.id)
      .execute();
    await endUserSessions(trx, user.id, sessionId);
    await writeAudit(trx, {
      ...ctx,
      action: 'password_change',
      resource: 'staff_users',
      resourceId: user.id,
    });
  });
}
