/** What the routes and services of one app instance share. */
import type { PasswordHasher } from './auth/password.js';
import type { Config } from './config.js';
import type { Db } from './db/connect.js';
import type { Clock } from './lib/clock.js';
import type { Logger } from './lib/logger.js';

export type Deps = { db: Db; config: Config; clock: Clock; hasher: PasswordHasher; logger: Logger };
