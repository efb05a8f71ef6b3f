import { z } from 'zod';
import { Role } from '../permissions.js';
import { NewPassword, Username } from './auth.js';
import { listQuery, shortText, Timestamp, Version } from './common.js';

export const StaffUser = z
  .object({
    id: z.number().int(),
    username: z.string(),
    displayName: z.string(),
    role: Role,
    /** Masked (138****1234) on the way out. */
    phone: z.string().nullable(),
    disabled: z.boolean(),
    lastLoginAt: Timestamp.nullable(),
    lockedUntil: Timestamp.nullable(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    version: Version,
  })
  .meta({ id: 'StaffUser' });
export type StaffUser = z.infer<typeof StaffUser>;

const MobilePhone = z
  .string()
  .trim()
  .regex(/^1\d{10}$/, 'a mainland mobile number of 11 digits');

export const StaffUserCreate = z
  .strictObject({
    username: Username,
    displayName: shortText(50),
    role: Role,
    phone: MobilePhone.nullable().optional(),
    password: NewPassword,
  })
  .meta({ id: 'StaffUserCreate' });
export type StaffUserCreate = z.infer<typeof StaffUserCreate>;

export const StaffUserUpdate = z
  .strictObject({
    displayName: shortText(50).optional(),
    role: Role.optional(),
    phone: MobilePhone.nullable().optional(),
    disabled: z.boolean().optional(),
  })
  .meta({ id: 'StaffUserUpdate' });
export type StaffUserUpdate = z.infer<typeof StaffUserUpdate>;

export const StaffUserResetPassword = z
  .strictObject({ password: NewPassword })
  .meta({ id: 'StaffUserResetPassword' });
export type StaffUserResetPassword = z.infer<typeof StaffUserResetPassword>;

export const StaffUserFilter = z
  .strictObject({
    q: z.string().trim().max(100).optional(),
    role: Role.optional(),
    disabled: z.boolean().optional(),
  })
  .meta({ id: 'StaffUserFilter' });
export type StaffUserFilter = z.infer<typeof StaffUserFilter>;

export const staffUserSortFields = [
  'id',
  'username',
  'displayName',
  'role',
  'createdAt',
  'lastLoginAt',
] as const;
export const StaffUserListQuery = listQuery(staffUserSortFields);
