/**
 * The database as Kysely sees it. Column names are camelCase here and snake_case in SQL
 * (Kysely's CamelCasePlugin maps them).
 */
import type { Role } from '@siyu/shared';
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Json = ColumnType<unknown, string | null, string | null>;

export interface StaffUsersTable {
  id: Generated<number>;
  username: string;
  displayName: string;
  role: Role;
  phone: string | null;
  passwordHash: string;
  disabled: Generated<boolean>;
  lockedUntil: Timestamp | null;
  lastLoginAt: Timestamp | null;
  version: Generated<number>;
  createdAt: CreatedAt;
  updatedAt: Timestamp;
}

export interface SessionsTable {
  /** sha256 hex of the cookie token; the token itself is never stored. */
  id: string;
  userId: number;
  createdAt: Timestamp;
  lastSeenAt: Timestamp;
  expiresAt: Timestamp;
  ip: string | null;
  userAgent: string | null;
}

export interface LoginFailuresTable {
  id: Generated<number>;
  username: string;
  ip: string;
  at: Timestamp;
}

export interface AuditLogsTable {
  id: Generated<number>;
  at: Timestamp;
  actorId: number | null;
  actorName: string;
  actorRole: string | null;
  action: string;
  resource: string;
  resourceId: string | null;
  before: Json;
  after: Json;
  ip: string | null;
  requestId: string | null;
}

export interface SettingsTable {
  id: string;
  shopName: string;
  timeZone: string;
  orderAutoCloseMinutes: number;
  autoConfirmDays: number;
  refundWindowDays: number;
  csSlaHours: number;
  kpiConversionAlertBp: number;
  kpiRepurchase7dAlertBp: number;
  version: Generated<number>;
  updatedAt: Timestamp;
}

export interface JobRunsTable {
  name: string;
  lastStartedAt: Timestamp | null;
  lastResult: Json;
}

export interface Database {
  staffUsers: StaffUsersTable;
  sessions: SessionsTable;
  loginFailures: LoginFailuresTable;
  auditLogs: AuditLogsTable;
  settings: SettingsTable;
  jobRuns: JobRunsTable;
}

export type StaffUserRow = Selectable<StaffUsersTable>;
export type NewStaffUserRow = Insertable<StaffUsersTable>;
export type StaffUserRowUpdate = Updateable<StaffUsersTable>;
export type SettingsRow = Selectable<SettingsTable>;
export type AuditLogRow = Selectable<AuditLogsTable>;
