/** The audit context of an HTTP request: the signed-in actor, client address, request id, time. */
import type { Context } from 'hono';
import type { Deps } from '../deps.js';
import type { AppEnv } from '../env.js';
import type { AuditContext } from './audit.js';
import { clientIp } from './request-origin.js';

export function auditContextOf(c: Context<AppEnv>, deps: Deps): AuditContext {
  const user = c.get('user');
  return {
    actor: user
      ? { id: user.id, name: user.username, role: user.role }
      : { id: null, name: 'anonymous', role: null },
    ip: clientIp(c, deps.config.trustProxy),
    requestId: c.get('requestId'),
    at: deps.clock(),
  };
}
