/**
 * The storefront channel's request signature (DESIGN.md "Storefront channel API"):
 * `X-Signature` = hex HMAC-SHA256(secret, `${X-Timestamp}.${rawBody}`), the timestamp in unix
 * seconds within ±300 s of the server's clock.
 *
 * Web Crypto, not node:crypto: this package is also bundled into the SPA, and both Node 20
 * and browsers provide `crypto.subtle`. Its `verify` is not used: Node implements it for HMAC
 * with a plain memcmp, so the comparison here is our own, over every byte.
 */

export const CHANNEL_SIGNATURE_WINDOW_SECONDS = 300;

/** The header names, as the storefront sends them. */
export const channelHeaders = {
  key: 'X-Channel-Key',
  timestamp: 'X-Timestamp',
  signature: 'X-Signature',
  idempotencyKey: 'Idempotency-Key',
} as const;

// This package compiles without DOM or Node typings; these are the few globals it needs.
type HmacKey = object;
type HmacParams = { name: 'HMAC'; hash: 'SHA-256' };
type Subtle = {
  importKey(
    format: 'raw',
    keyData: Uint8Array,
    algorithm: HmacParams,
    extractable: false,
    usages: 'sign'[],
  ): Promise<HmacKey>;
  sign(algorithm: 'HMAC', key: HmacKey, data: Uint8Array): Promise<ArrayBuffer>;
};
const runtime = globalThis as unknown as {
  crypto: { subtle: Subtle };
  TextEncoder: new () => { encode(text: string): Uint8Array };
};
const encoder = new runtime.TextEncoder();

/** Imported keys by secret: a shop has a handful of channels, and importing costs per request. */
const keys = new Map<string, Promise<HmacKey>>();
const MAX_CACHED_KEYS = 64;

function hmacKey(secret: string): Promise<HmacKey> {
  if (!secret) throw new TypeError('a channel secret cannot be empty');
  let key = keys.get(secret);
  if (!key) {
    if (keys.size >= MAX_CACHED_KEYS) keys.clear();
    key = runtime.crypto.subtle.importKey(
      'raw',
      encoder.encode(secret),
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['sign'],
    );
    keys.set(secret, key);
  }
  return key;
}

/** The signed bytes: `${timestamp}.` followed by the body exactly as sent. */
function signedBytes(timestamp: string, rawBody: string | Uint8Array): Uint8Array {
  const head = encoder.encode(`${timestamp}.`);
  const body = typeof rawBody === 'string' ? encoder.encode(rawBody) : rawBody;
  const bytes = new Uint8Array(head.length + body.length);
  bytes.set(head, 0);
  bytes.set(body, head.length);
  return bytes;
}

function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function fromHex(hex: string): Uint8Array {
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}

/** Equal-length byte strings compared without an early exit, so timing does not tell where they differ. */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= (a[i] as number) ^ (b[i] as number);
  return difference === 0;
}

async function hmac(secret: string, timestamp: string, rawBody: string | Uint8Array): Promise<Uint8Array> {
  const signature = await runtime.crypto.subtle.sign(
    'HMAC',
    await hmacKey(secret),
    signedBytes(timestamp, rawBody),
  );
  return new Uint8Array(signature);
}

/** Signs a request as the storefront does (the simulator and tests use it). */
export async function signChannelRequest(
  secret: string,
  timestamp: string | number,
  rawBody: string | Uint8Array,
): Promise<string> {
  return toHex(await hmac(secret, String(timestamp), rawBody));
}

export type ChannelSignatureCheck =
  | { ok: true }
  | { ok: false; reason: 'malformed_timestamp' | 'stale_timestamp' | 'bad_signature'; message: string };

/** Unix seconds (ten digits last until 2286); milliseconds are refused as malformed. */
const TIMESTAMP = /^\d{1,10}$/;
const HEX_SHA256 = /^[0-9a-fA-F]{64}$/;

/**
 * Checks a request's timestamp and signature; every refusal is a 401 for the caller. The
 * timestamp is checked first: it is public, and it keeps replays of old captures out.
 */
export async function verifyChannelSignature(request: {
  secret: string;
  timestamp: string | null | undefined;
  signature: string | null | undefined;
  rawBody: string | Uint8Array;
  /** The server's clock in unix seconds. */
  nowSeconds: number;
}): Promise<ChannelSignatureCheck> {
  const { timestamp, signature } = request;
  if (!timestamp || !TIMESTAMP.test(timestamp))
    return { ok: false, reason: 'malformed_timestamp', message: 'X-Timestamp must be unix seconds' };
  if (Math.abs(request.nowSeconds - Number(timestamp)) > CHANNEL_SIGNATURE_WINDOW_SECONDS)
    return {
      ok: false,
      reason: 'stale_timestamp',
      message: `X-Timestamp is more than ${CHANNEL_SIGNATURE_WINDOW_SECONDS} s away from the server's clock`,
    };
  // A malformed signature is refused like a wrong one: the caller learns only that it did not match.
  const matches =
    !!signature &&
    HEX_SHA256.test(signature) &&
    constantTimeEqual(fromHex(signature), await hmac(request.secret, timestamp, request.rawBody));
  return matches
    ? { ok: true }
    : { ok: false, reason: 'bad_signature', message: 'X-Signature does not match' };
}
