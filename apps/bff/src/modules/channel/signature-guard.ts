/**
 * Authenticates every /api/channel/* request by its signature (DESIGN.md "Storefront channel
 * API"). The raw body is read once here: Hono caches that text, so the route's JSON validator
 * parses the very bytes that were verified. Every refusal is a 401 with its own code, before
 * anything is written.
 */
import { createHash } from 'node:crypto';
import { verifyChannelSignature } from '@siyu/shared';
import type { MiddlewareHandler } from 'hono';
import type { Deps } from '../../deps.js';
import type { AppEnv } from '../../env.js';
import { AppError } from '../../lib/errors.js';
import { signingChannelByKey } from '../channels/service.js';

export const CHANNEL_API_PREFIX = '/api/channel/';

export const isChannelRequest = (path: string) => path.startsWith(CHANNEL_API_PREFIX);

const refusedReasons = {
  malformed_timestamp: 'TIMESTAMP_INVALID',
  stale_timestamp: 'TIMESTAMP_STALE',
  bad_signature: 'SIGNATURE_INVALID',
} as const;

export const channelSignatureGuard =
  (deps: Deps): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    c.set('channel', undefined);
    if (!isChannelRequest(c.req.path)) return next();
    const key = c.req.header('x-channel-key');
    const timestamp = c.req.header('x-timestamp');
    const signature = c.req.header('x-signature');
    if (!key || !timestamp || !signature) {
      throw new AppError(
        401,
        'UNAUTHENTICATED',
        'Sign channel requests with X-Channel-Key, X-Timestamp and X-Signature.',
      );
    }
    // Kept in memory a few seconds: a channel disabled or re-keyed on another instance is still
    // honoured here until CHANNEL_CACHE_TTL_MS has passed (at once when changed on this one).
    const channel = await signingChannelByKey(deps.db, key);
    if (!channel) throw new AppError(401, 'CHANNEL_UNKNOWN', 'No channel has this X-Channel-Key.');
    const rawBody = c.req.method === 'GET' || c.req.method === 'HEAD' ? '' : await c.req.text();
    const check = await verifyChannelSignature({
      secret: channel.secret,
      timestamp,
      signature,
      rawBody,
      nowSeconds: Math.floor(deps.clock().getTime() / 1000),
    });
    if (!check.ok) throw new AppError(401, refusedReasons[check.reason], `${check.message}.`);
    // Only after the signature: whoever learns that a channel is disabled holds its secret.
    if (!channel.enabled) throw new AppError(401, 'CHANNEL_DISABLED', 'This channel is disabled.');
    const requestHash = createHash('sha256')
      .update(`${c.req.method} ${c.req.path}\n`)
      .update(rawBody)
      .digest('hex');
    c.set('channel', { id: channel.id, key: channel.key, name: channel.name, requestHash });
    return next();
  };
