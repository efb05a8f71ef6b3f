/** The first admin of a production database: from ADMIN_USERNAME/ADMIN_PASSWORD, or the CLI. */
import { StaffUserCreate } from '@siyu/shared';
import type { PasswordHasher } from '../../auth/password.js';
import { systemActor } from '../../lib/audit.js';
import { fieldsOf } from '../../lib/zod-fields.js';
import { createStaffUser, enabledAdminExists } from '../../modules/staff-users/service.js';
import type { Db } from '../connect.js';

export type NewAdmin = { username: string; displayName?: string | undefined; password: string };

/** Validates like the API does (username shape, password ≥ 10 characters), then creates and audits. */
export async function createAdmin(db: Db, hasher: PasswordHasher, admin: NewAdmin) {
  const input = StaffUserCreate.safeParse({
    username: admin.username,
    displayName: admin.displayName ?? admin.username,
    role: 'admin',
    password: admin.password,
  });
  if (!input.success) {
    const problems = Object.entries(fieldsOf(input.error)).map(([field, message]) => `${field}: ${message}`);
    throw new Error(`Cannot create the admin: ${problems.join('; ')}`);
  }
  return createStaffUser(db, hasher, input.data, {
    actor: systemActor,
    ip: null,
    requestId: null,
    at: new Date(),
  });
}

export const adminExists = enabledAdminExists;

export const createAdminHint = [
  'No admin account exists yet. Create one with:',
  '  npm run create-admin -- --username <name> [--display-name <name>]',
  'It asks for the password (or reads ADMIN_PASSWORD), at least 10 characters.',
  'Or start the server once with ADMIN_USERNAME and ADMIN_PASSWORD set.',
].join('\n');
