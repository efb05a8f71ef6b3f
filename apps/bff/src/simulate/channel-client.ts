/**
 * The storefront's side of the channel API: every request signed as the mini-program signs it
 * (packages/shared signChannelRequest), every write with its own Idempotency-Key.
 */
import { randomUUID } from 'node:crypto';
import { channelHeaders, signChannelRequest } from '@siyu/shared';

export type ChannelAnswer = { status: number; code?: string; data?: unknown };

export type ChannelClient = {
  post: (path: string, body: unknown) => Promise<ChannelAnswer>;
  get: (path: string) => Promise<ChannelAnswer>;
};

export function channelClient(baseUrl: string, key: string, secret: string): ChannelClient {
  async function send(method: 'GET' | 'POST', path: string, body?: unknown): Promise<ChannelAnswer> {
    const raw = body === undefined ? '' : JSON.stringify(body);
    const timestamp = String(Math.floor(Date.now() / 1000));
    const headers: Record<string, string> = {
      [channelHeaders.key]: key,
      [channelHeaders.timestamp]: timestamp,
      [channelHeaders.signature]: await signChannelRequest(secret, timestamp, raw),
    };
    if (method === 'POST') {
      headers['Content-Type'] = 'application/json';
      headers[channelHeaders.idempotencyKey] = randomUUID();
    }
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers,
      body: method === 'POST' ? raw : undefined,
    });
    const json = (await response.json().catch(() => undefined)) as
      | { data?: unknown; error?: { code?: string } }
      | undefined;
    return { status: response.status, code: json?.error?.code, data: json?.data };
  }
  return { post: (path, body) => send('POST', path, body), get: (path) => send('GET', path) };
}
