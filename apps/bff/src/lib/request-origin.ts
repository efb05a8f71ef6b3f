/** Where a request came from: client address, host and scheme (proxy headers only when trusted). */
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import type { AppEnv } from '../env.js';

/** What app.request() tests get when they name no address and there is no socket. */
const NO_SOCKET_IP = '127.0.0.1';

const lastListed = (value: string | undefined) => value?.split(',').pop()?.trim() || undefined;

export function clientIp(c: Context<AppEnv>, trustProxy: boolean): string {
  if (c.env?.clientIp) return c.env.clientIp;
  if (trustProxy) {
    // The entry our own proxy appended is the last one; earlier ones are the client's say-so.
    const forwarded = lastListed(c.req.header('x-forwarded-for'));
    if (forwarded) return forwarded;
  }
  if (!c.env?.incoming) return NO_SOCKET_IP;
  return getConnInfo(c).remote.address ?? NO_SOCKET_IP;
}

export function requestHost(c: Context<AppEnv>, trustProxy: boolean): string {
  const forwarded = trustProxy ? lastListed(c.req.header('x-forwarded-host')) : undefined;
  return (forwarded ?? new URL(c.req.url).host).toLowerCase();
}

export function isHttps(c: Context<AppEnv>, trustProxy: boolean): boolean {
  if (trustProxy && lastListed(c.req.header('x-forwarded-proto')) === 'https') return true;
  return new URL(c.req.url).protocol === 'https:';
}
