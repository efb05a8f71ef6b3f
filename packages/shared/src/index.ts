export * from './contract/auditLogs.js';
export * from './contract/auth.js';
export * from './contract/common.js';
export * from './contract/settings.js';
export * from './contract/staffUsers.js';
export * from './domain/masking.js';
export * from './domain/money.js';
export * from './permissions.js';
