import { z } from 'zod';
import { Role } from '../permissions.js';

/** Bounded so a 1 MB "password" cannot make argon2 do a megabyte of work. */
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;
export const NewPassword = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `password must have at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(PASSWORD_MAX_LENGTH);

export const Username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9_.-]{2,31}$/, 'username: 3–32 letters, digits, dot, dash or underscore');

export const LoginInput = z
  .strictObject({
    username: z.string().trim().min(1).max(64),
    password: z.string().min(1).max(PASSWORD_MAX_LENGTH),
  })
  .meta({ id: 'LoginInput' });
export type LoginInput = z.infer<typeof LoginInput>;

export const PermissionSetSchema = z.record(z.string(), z.array(z.string())).meta({ id: 'PermissionSet' });

export const SessionUser = z
  .object({
    id: z.number().int(),
    username: z.string(),
    displayName: z.string(),
    role: Role,
    permissions: PermissionSetSchema,
  })
  .meta({ id: 'SessionUser' });
export type SessionUser = z.infer<typeof SessionUser>;

export const ChangeOwnPasswordInput = z
  .strictObject({ currentPassword: z.string().min(1).max(PASSWORD_MAX_LENGTH), newPassword: NewPassword })
  .meta({ id: 'ChangeOwnPasswordInput' });
export type ChangeOwnPasswordInput = z.infer<typeof ChangeOwnPasswordInput>;
