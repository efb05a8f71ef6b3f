/** Signed storefront requests for the channel API tests, as the storefront would send them. */
import { signChannelRequest } from '@siyu/shared';
import { demoChannel } from '../../src/db/seed/channel.js';
import type { TestContext, TestResponse } from './context.js';

export type ChannelCall = {
  method?: string;
  body?: unknown;
  /** Sent as is; signed as is unless `signedBody` says what was signed instead. */
  rawBody?: string;
  signedBody?: string;
  key?: string;
  secret?: string;
  /** Unix seconds; the test clock's now by default. */
  timestamp?: number | string;
  signature?: string;
  idempotencyKey?: string;
  omit?: ('x-channel-key' | 'x-timestamp' | 'x-signature')[];
};

export async function channelRequest(
  t: TestContext,
  path: string,
  call: ChannelCall = {},
): Promise<TestResponse> {
  const method = call.method ?? 'POST';
  const raw = call.rawBody ?? (method === 'GET' ? '' : JSON.stringify(call.body ?? {}));
  const timestamp = String(call.timestamp ?? Math.floor(t.clock.now().getTime() / 1000));
  const signature =
    call.signature ??
    (await signChannelRequest(call.secret ?? demoChannel.secret, timestamp, call.signedBody ?? raw));
  const headers: Record<string, string> = {
    'x-channel-key': call.key ?? demoChannel.key,
    'x-timestamp': timestamp,
    'x-signature': signature,
  };
  for (const name of call.omit ?? []) delete headers[name];
  if (call.idempotencyKey !== undefined) headers['idempotency-key'] = call.idempotencyKey;
  return t.request(path, { method, headers, ...(method === 'GET' ? {} : { rawBody: raw }) });
}

export const pageView = (visitorId: string, at: Date, page = '/home') => ({
  type: 'page_view' as const,
  visitorId,
  at: at.toISOString(),
  page,
});
