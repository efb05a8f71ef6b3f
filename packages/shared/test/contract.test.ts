/** The contract's input schemas: strict (no mass assignment), bounded, and normalising. */
import { describe, expect, it } from 'vitest';
import {
  AUDIT_MIN_RETENTION_DAYS,
  AuditLogFilter,
  AuditLogListQuery,
  AuditPurgeInput,
  ChangeOwnPasswordInput,
  defaultSettings,
  ErrorBody,
  Id,
  LoginInput,
  PASSWORD_MIN_LENGTH,
  Settings,
  SettingsUpdate,
  StaffUserCreate,
  StaffUserFilter,
  StaffUserListQuery,
  StaffUserResetPassword,
  StaffUserUpdate,
} from '../src/index.js';

const validStaff = {
  username: 'xiaolin',
  displayName: '小林',
  role: 'operator',
  phone: '13800001234',
  password: 'a-long-passphrase',
} as const;

describe('strict inputs reject unknown keys', () => {
  it.each([
    ['LoginInput', LoginInput, { username: 'admin', password: 'admin-demo-1', role: 'admin' }],
    ['StaffUserCreate', StaffUserCreate, { ...validStaff, isAdmin: true }],
    ['StaffUserCreate (id)', StaffUserCreate, { ...validStaff, id: 1 }],
    ['StaffUserUpdate (password)', StaffUserUpdate, { password: 'a-long-passphrase' }],
    ['StaffUserUpdate (username)', StaffUserUpdate, { username: 'boss' }],
    ['StaffUserUpdate (version)', StaffUserUpdate, { displayName: 'x', version: 3 }],
    ['StaffUserResetPassword', StaffUserResetPassword, { password: 'a-long-passphrase', role: 'admin' }],
    [
      'ChangeOwnPasswordInput',
      ChangeOwnPasswordInput,
      { currentPassword: 'x', newPassword: 'a-long-passphrase', x: 1 },
    ],
    ['SettingsUpdate', SettingsUpdate, { shopName: '店', updatedAt: '2026-01-01T00:00:00Z' }],
    ['SettingsUpdate (__proto__)', SettingsUpdate, JSON.parse('{"__proto__": {"admin": true}}')],
    ['StaffUserFilter', StaffUserFilter, { q: 'lin', password: 'x' }],
    ['AuditLogFilter', AuditLogFilter, { resource: 'orders', sql: '1=1' }],
    ['AuditPurgeInput', AuditPurgeInput, { olderThanDays: 365, force: true }],
    ['StaffUserListQuery', StaffUserListQuery, { page: '1', debug: '1' }],
  ] as const)('%s', (_name, schema, input) => {
    const result = schema.safeParse(input);
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues)).toContain('unrecognized_keys');
  });

  it('accepts the same inputs without the extra key', () => {
    expect(StaffUserCreate.safeParse(validStaff).success).toBe(true);
    expect(LoginInput.safeParse({ username: 'admin', password: 'admin-demo-1' }).success).toBe(true);
    expect(StaffUserUpdate.safeParse({ displayName: '小林', disabled: true }).success).toBe(true);
    expect(SettingsUpdate.safeParse({}).success).toBe(true);
  });
});

describe('passwords', () => {
  it(`rejects a new password shorter than ${PASSWORD_MIN_LENGTH} characters`, () => {
    expect(PASSWORD_MIN_LENGTH).toBe(10);
    const short = StaffUserCreate.safeParse({ ...validStaff, password: '123456789' });
    expect(short.success).toBe(false);
    expect(short.error?.issues[0]?.path).toEqual(['password']);
    expect(short.error?.issues[0]?.message).toMatch(/at least 10/);
    expect(StaffUserCreate.safeParse({ ...validStaff, password: '1234567890' }).success).toBe(true);
    expect(StaffUserResetPassword.safeParse({ password: 'short' }).success).toBe(false);
    expect(ChangeOwnPasswordInput.safeParse({ currentPassword: 'old', newPassword: 'short' }).success).toBe(
      false,
    );
  });

  it('bounds passwords above too (argon2 work)', () => {
    expect(StaffUserCreate.safeParse({ ...validStaff, password: 'x'.repeat(129) }).success).toBe(false);
    expect(StaffUserCreate.safeParse({ ...validStaff, password: 'x'.repeat(128) }).success).toBe(true);
    expect(LoginInput.safeParse({ username: 'admin', password: 'x'.repeat(1_000_000) }).success).toBe(false);
  });

  it('requires both login fields', () => {
    expect(LoginInput.safeParse({ username: '', password: 'x' }).success).toBe(false);
    expect(LoginInput.safeParse({ username: 'admin', password: '' }).success).toBe(false);
    expect(LoginInput.safeParse({ username: 'admin' }).success).toBe(false);
    expect(LoginInput.safeParse({ username: 'admin', password: 123 }).success).toBe(false);
  });
});

describe('staff users', () => {
  it('normalises usernames to trimmed lower case', () => {
    expect(StaffUserCreate.parse({ ...validStaff, username: '  XiaoLin ' }).username).toBe('xiaolin');
  });

  it.each(['ab', 'a'.repeat(33), '_lin', 'lin lin', "lin'--", '<b>lin</b>', '小林'])(
    'rejects username %j',
    (username) => {
      expect(StaffUserCreate.safeParse({ ...validStaff, username }).success).toBe(false);
    },
  );

  it.each(['1380000123', '138000012345', '23800001234', '138-0000-1234'])('rejects phone %j', (phone) => {
    expect(StaffUserCreate.safeParse({ ...validStaff, phone }).success).toBe(false);
  });

  it('allows no phone', () => {
    expect(StaffUserCreate.safeParse({ ...validStaff, phone: null }).success).toBe(true);
    const { phone: _phone, ...withoutPhone } = validStaff;
    expect(StaffUserCreate.safeParse(withoutPhone).success).toBe(true);
  });

  it('rejects unknown roles and blank or oversized display names', () => {
    expect(StaffUserCreate.safeParse({ ...validStaff, role: 'root' }).success).toBe(false);
    expect(StaffUserCreate.safeParse({ ...validStaff, displayName: '   ' }).success).toBe(false);
    expect(StaffUserCreate.safeParse({ ...validStaff, displayName: '名'.repeat(51) }).success).toBe(false);
  });
});

describe('settings', () => {
  it.each(['Asia/Shanghai', 'UTC', 'Asia/Tokyo', 'America/New_York'])('accepts time zone %s', (timeZone) => {
    expect(SettingsUpdate.safeParse({ timeZone }).success).toBe(true);
  });

  it.each(['Mars/Olympus_Mons', 'Asia/Beijing', '', 'x'.repeat(65), '+08:00; drop'])(
    'rejects time zone %j',
    (timeZone) => {
      const result = SettingsUpdate.safeParse({ timeZone });
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.path).toEqual(['timeZone']);
    },
  );

  it('bounds the numeric settings and refuses floats', () => {
    expect(SettingsUpdate.safeParse({ orderAutoCloseMinutes: 4 }).success).toBe(false);
    expect(SettingsUpdate.safeParse({ orderAutoCloseMinutes: 5 }).success).toBe(true);
    expect(SettingsUpdate.safeParse({ orderAutoCloseMinutes: 30.5 }).success).toBe(false);
    expect(SettingsUpdate.safeParse({ csSlaHours: 0 }).success).toBe(false);
    expect(SettingsUpdate.safeParse({ csSlaHours: 169 }).success).toBe(false);
    expect(SettingsUpdate.safeParse({ kpiConversionAlertBp: 10_001 }).success).toBe(false);
    expect(SettingsUpdate.safeParse({ kpiConversionAlertBp: -1 }).success).toBe(false);
    expect(SettingsUpdate.safeParse({ autoConfirmDays: '10' }).success).toBe(false);
  });

  it('refuses a blank or oversized shop name', () => {
    expect(SettingsUpdate.safeParse({ shopName: '  ' }).success).toBe(false);
    expect(SettingsUpdate.safeParse({ shopName: '店'.repeat(61) }).success).toBe(false);
    expect(SettingsUpdate.parse({ shopName: '  私域小店 ' }).shopName).toBe('私域小店');
  });

  it('has valid defaults in Asia/Shanghai', () => {
    expect(defaultSettings.timeZone).toBe('Asia/Shanghai');
    expect(
      Settings.safeParse({
        id: 'shop',
        ...defaultSettings,
        updatedAt: '2026-01-01T00:00:00.000Z',
        version: 0,
      }).success,
    ).toBe(true);
    expect(SettingsUpdate.safeParse(defaultSettings).success).toBe(true);
  });
});

describe('list queries', () => {
  it('fills in defaults', () => {
    expect(StaffUserListQuery.parse({})).toEqual({ page: 1, perPage: 25, order: 'DESC' });
  });

  it('coerces query-string numbers', () => {
    expect(AuditLogListQuery.parse({ page: '3', perPage: '50', sort: 'at', order: 'ASC' })).toEqual({
      page: 3,
      perPage: 50,
      sort: 'at',
      order: 'ASC',
    });
  });

  it.each([
    { page: '0' },
    { page: '-1' },
    { page: '1.5' },
    { page: '100001' },
    { page: 'abc' },
    { perPage: '0' },
    { perPage: '501' },
    { sort: 'password_hash' },
    { sort: 'at; drop table audit_logs' },
    { order: 'asc' },
    { order: 'RANDOM' },
    { ids: '1;2' },
    { ids: '1,,2' },
    { ids: '1,a' },
    { ids: '1,'.repeat(2001) },
    { filter: 'x'.repeat(4001) },
  ])('rejects %j', (query) => {
    expect(AuditLogListQuery.safeParse(query).success).toBe(false);
  });

  it('accepts the bounds and getMany ids', () => {
    expect(AuditLogListQuery.safeParse({ page: '100000', perPage: '500' }).success).toBe(true);
    expect(AuditLogListQuery.safeParse({ perPage: '1' }).success).toBe(true);
    expect(AuditLogListQuery.parse({ ids: '1,2,30' }).ids).toBe('1,2,30');
  });

  it('sorts only on the listed fields of each resource', () => {
    expect(StaffUserListQuery.safeParse({ sort: 'username' }).success).toBe(true);
    expect(StaffUserListQuery.safeParse({ sort: 'at' }).success).toBe(false);
    expect(AuditLogListQuery.safeParse({ sort: 'username' }).success).toBe(false);
  });
});

describe('filters and other inputs', () => {
  it('audit log filter takes ISO times with offsets only', () => {
    expect(AuditLogFilter.safeParse({ at_gte: '2026-01-01T00:00:00+08:00' }).success).toBe(true);
    expect(AuditLogFilter.safeParse({ at_gte: '2026-01-01' }).success).toBe(false);
    expect(AuditLogFilter.safeParse({ actorId: 0 }).success).toBe(false);
  });

  it('staff filter bounds the keyword and checks the role', () => {
    expect(StaffUserFilter.safeParse({ q: 'x'.repeat(101) }).success).toBe(false);
    expect(StaffUserFilter.safeParse({ role: 'superuser' }).success).toBe(false);
    expect(StaffUserFilter.safeParse({ q: '林', role: 'manager', disabled: false }).success).toBe(true);
  });

  it(`never purges audit rows younger than ${AUDIT_MIN_RETENTION_DAYS} days`, () => {
    expect(AUDIT_MIN_RETENTION_DAYS).toBeGreaterThanOrEqual(180);
    expect(AuditPurgeInput.safeParse({ olderThanDays: AUDIT_MIN_RETENTION_DAYS - 1 }).success).toBe(false);
    expect(AuditPurgeInput.safeParse({ olderThanDays: AUDIT_MIN_RETENTION_DAYS }).success).toBe(true);
  });

  it.each(['0', '-1', '1.5', 'abc', '9007199254740992', ''])('rejects id %j', (id) => {
    expect(Id.safeParse(id).success).toBe(false);
  });

  it('coerces a path id', () => {
    expect(Id.parse('42')).toBe(42);
  });

  it('describes the error body every failure returns', () => {
    const body = {
      error: {
        code: 'VALIDATION_FAILED',
        message: '输入有误',
        fields: { password: 'too short' },
        requestId: 'r1',
      },
    };
    expect(ErrorBody.safeParse(body).success).toBe(true);
    expect(ErrorBody.safeParse({ error: { ...body.error, code: 'TEAPOT' } }).success).toBe(false);
    expect(ErrorBody.safeParse({ error: { code: 'INTERNAL', message: 'x' } }).success).toBe(false);
  });
});
