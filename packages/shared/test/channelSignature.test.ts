import { describe, expect, it } from 'vitest';
import {
  CHANNEL_SIGNATURE_WINDOW_SECONDS,
  constantTimeEqual,
  signChannelRequest,
  verifyChannelSignature,
} from '../src/domain/channelSignature.js';

const secret = 'demo-miniapp-secret';
const timestamp = '1767225600';
const body = '{"orderNo":"202601010001","amount":25800}';
/** printf '%s' '1767225600.{"orderNo":"202601010001","amount":25800}' | openssl dgst -sha256 -hmac demo-miniapp-secret */
const expected = 'e825991eaff98776097ace54730715d3e03b9a64cadbf637ea7e2e7df7866723';

const now = Number(timestamp);
const request = { secret, timestamp, signature: expected, rawBody: body, nowSeconds: now };

describe('signChannelRequest', () => {
  it('matches HMAC-SHA256 computed by openssl', async () => {
    expect(await signChannelRequest(secret, timestamp, body)).toBe(expected);
    expect(await signChannelRequest(secret, Number(timestamp), body)).toBe(expected);
  });

  it('signs an empty body (GET) as `timestamp.`', async () => {
    // printf '%s' '1767225600.' | openssl dgst -sha256 -hmac demo-miniapp-secret
    expect(await signChannelRequest(secret, timestamp, '')).toBe(
      '00b4900a6f2e7260db682c18ffea965693aac31e5ca45cb29655313458334ceb',
    );
  });

  it('signs the UTF-8 bytes of the body, as a string or as bytes', async () => {
    const text = '{"note":"小林"}';
    // printf '%s' '1767225600.{"note":"小林"}' | openssl dgst -sha256 -hmac demo-miniapp-secret
    const utf8 = '09a57de7d3c97f102fb24227a845694a512ddcc2c7bfa4fa13cf34e19f1ce59e';
    expect(await signChannelRequest(secret, timestamp, text)).toBe(utf8);
    expect(await signChannelRequest(secret, timestamp, new TextEncoder().encode(text))).toBe(utf8);
  });

  it('refuses to sign with an empty secret', async () => {
    await expect(signChannelRequest('', timestamp, body)).rejects.toThrow(TypeError);
    await expect(verifyChannelSignature({ ...request, secret: '' })).rejects.toThrow(TypeError);
  });

  it('depends on the secret', async () => {
    expect(await signChannelRequest('another-secret', timestamp, body)).not.toBe(expected);
  });
});

describe('verifyChannelSignature', () => {
  it('accepts the right signature, in either hex case', async () => {
    expect(await verifyChannelSignature(request)).toEqual({ ok: true });
    expect(await verifyChannelSignature({ ...request, signature: expected.toUpperCase() })).toEqual({
      ok: true,
    });
  });

  it.each([
    ['a tampered body', { rawBody: body.replace('25800', '1') }],
    ['an added space', { rawBody: `${body} ` }],
    ['another secret', { secret: 'demo-miniapp-secret2' }],
    ['one changed hex digit', { signature: `${expected.slice(0, -1)}2` }],
    ['a truncated signature', { signature: expected.slice(0, 62) }],
    ['a longer signature', { signature: `${expected}00` }],
    ['non-hex characters', { signature: `${expected.slice(0, -1)}g` }],
    ['no signature', { signature: undefined }],
    ['an empty signature', { signature: '' }],
    ['a signature over another timestamp', { timestamp: String(now + 1), nowSeconds: now + 1 }],
  ])('refuses %s', async (_name, change) => {
    expect(await verifyChannelSignature({ ...request, ...change })).toMatchObject({
      ok: false,
      reason: 'bad_signature',
    });
  });

  it.each([
    ['at the window start', -CHANNEL_SIGNATURE_WINDOW_SECONDS],
    ['at the window end', CHANNEL_SIGNATURE_WINDOW_SECONDS],
  ])('accepts a timestamp %s', async (_name, skew) => {
    const ts = String(now + skew);
    const signature = await signChannelRequest(secret, ts, body);
    expect(await verifyChannelSignature({ ...request, timestamp: ts, signature })).toEqual({ ok: true });
  });

  it.each([
    ['stale by 301 s', -301],
    ['from 301 s in the future', 301],
    ['a day old', -86_400],
  ])('refuses a correctly signed timestamp %s', async (_name, skew) => {
    const ts = String(now + skew);
    const signature = await signChannelRequest(secret, ts, body);
    expect(await verifyChannelSignature({ ...request, timestamp: ts, signature })).toMatchObject({
      ok: false,
      reason: 'stale_timestamp',
    });
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['in milliseconds', '1767225600000'],
    ['with a fraction', '1767225600.5'],
    ['negative', '-1767225600'],
    ['with a sign', '+1767225600'],
    ['an ISO date', '2026-01-01T00:00:00Z'],
    ['padded', ' 1767225600'],
  ])('refuses a timestamp that is %s', async (_name, ts) => {
    expect(await verifyChannelSignature({ ...request, timestamp: ts })).toMatchObject({
      ok: false,
      reason: 'malformed_timestamp',
    });
  });
});

describe('constantTimeEqual', () => {
  const bytes = (...values: number[]) => new Uint8Array(values);
  it.each([
    [bytes(1, 2, 3), bytes(1, 2, 3), true],
    [bytes(), bytes(), true],
    [bytes(1, 2, 3), bytes(1, 2, 4), false],
    [bytes(0, 2, 3), bytes(1, 2, 3), false],
    [bytes(1, 2, 3), bytes(1, 2), false],
    [bytes(255), bytes(254), false],
  ])('%o = %o is %s', (a, b, expected) => {
    expect(constantTimeEqual(a, b)).toBe(expected);
  });
});
