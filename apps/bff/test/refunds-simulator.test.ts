import { RefundNotify, verifyChannelSignature } from '@siyu/shared';
import { describe, expect, it } from 'vitest';
import type { RefundRequest } from '../src/modules/payment-gateway/gateway.js';
import {
  createRefundSimulator,
  REFUND_NOTIFY_PATH,
  type RefundSimulatorOptions,
} from '../src/modules/payment-gateway/simulator.js';

const channel = { key: 'demo-miniapp', secret: 'demo-miniapp-secret' };
const now = new Date('2026-03-02T10:15:00.000Z');

const request = (overrides: Partial<RefundRequest> = {}): RefundRequest => ({
  outRefundNo: 'R20260302000000000001',
  transactionId: '4200001858202306300646157659',
  orderNo: '20260302123456789012',
  channelId: 1,
  refundAmount: 2580,
  totalAmount: 5160,
  reason: '质量问题',
  ...overrides,
});

type Received = { request: Request; body: string };

/** A simulator whose notifications land in `received`, answered with `status` (200 by default). */
function simulator(options: Partial<RefundSimulatorOptions> & { answer?: (n: number) => number } = {}) {
  const received: Received[] = [];
  const waits: number[] = [];
  const sim = createRefundSimulator({
    channelCredentials: async (id) => (id === 1 ? channel : undefined),
    deliver: async (req) => {
      const body = await req.text();
      received.push({ request: req, body });
      return new Response('{}', { status: options.answer?.(received.length) ?? 200 });
    },
    clock: () => now,
    sleep: async (ms) => {
      waits.push(ms);
    },
    ...options,
  });
  return { sim, received, waits };
}

describe('the refund simulator', () => {
  it('keys refunds by out_refund_no: the same number again never makes a second refund', async () => {
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const { sim, received } = simulator({ notifyDelayMs: 1500, sleep: () => gate });
    const first = await sim.requestRefund(request());
    const again = await sim.requestRefund(request());
    release();
    expect(first).toMatchObject({ status: 'accepted', gatewayRefundId: expect.stringMatching(/^50\d{24}$/) });
    expect(again).toEqual(first);
    await sim.idle();
    expect(sim.refunds()).toEqual([
      {
        outRefundNo: 'R20260302000000000001',
        gatewayRefundId: (first as { gatewayRefundId: string }).gatewayRefundId,
        transactionId: '4200001858202306300646157659',
        amount: 2580,
        state: 'SUCCESS',
      },
    ]);
    // Asked twice while processing: told once.
    expect(received).toHaveLength(1);
    expect(sim.requests()).toHaveLength(2);
    // Asked again once paid back: the same refund, and it is told again (it had not heard).
    expect(await sim.requestRefund(request())).toEqual(first);
    await sim.idle();
    expect(sim.refunds()).toHaveLength(1);
    expect(received.map((r) => JSON.parse(r.body).status)).toEqual(['SUCCESS', 'SUCCESS']);
  });

  it('refuses the same number with another amount, for good', async () => {
    const { sim } = simulator();
    await sim.requestRefund(request());
    expect(await sim.requestRefund(request({ refundAmount: 2000 }))).toEqual({
      status: 'refused',
      code: 'INVALID_REQUEST',
      message: expect.any(String),
      retryable: false,
    });
    await sim.idle();
    expect(sim.refunds()).toHaveLength(1);
  });

  it('refuses amounts ≤ 0, fractions, above the payment, or above what is left of it', async () => {
    const { sim } = simulator();
    for (const refundAmount of [0, -1, 12.5, 5161, Number.MAX_SAFE_INTEGER + 2]) {
      const answer = await sim.requestRefund(
        request({ outRefundNo: `R2026030200000000${refundAmount}`, refundAmount }),
      );
      expect(answer, String(refundAmount)).toMatchObject({ status: 'refused', retryable: false });
    }
    expect(
      await sim.requestRefund(request({ outRefundNo: 'R20260302000000000010', refundAmount: 5000 })),
    ).toMatchObject({
      status: 'accepted',
    });
    expect(
      await sim.requestRefund(request({ outRefundNo: 'R20260302000000000011', refundAmount: 160 })),
    ).toMatchObject({
      status: 'accepted',
    });
    expect(
      await sim.requestRefund(request({ outRefundNo: 'R20260302000000000012', refundAmount: 1 })),
    ).toEqual({
      status: 'refused',
      code: 'INVALID_REQUEST',
      message: '申请退款金额超过订单可退金额',
      retryable: false,
    });
    await sim.idle();
    expect(sim.refunds().map((r) => r.amount)).toEqual([5000, 160]);
  });

  it('is busy now and then: SYSTEM_ERROR, retryable, nothing recorded', async () => {
    const { sim, received } = simulator({ transientFailureRate: 0.5, random: () => 0.2 });
    expect(await sim.requestRefund(request())).toEqual({
      status: 'refused',
      code: 'SYSTEM_ERROR',
      message: expect.any(String),
      retryable: true,
    });
    await sim.idle();
    expect(sim.refunds()).toEqual([]);
    expect(received).toEqual([]);
  });

  it('notifies the outcome after the delay, signed with the channel key and secret as the channel API checks', async () => {
    const { sim, received, waits } = simulator({ notifyDelayMs: 1500 });
    const answer = await sim.requestRefund(request());
    await sim.idle();
    expect(waits).toEqual([1500]);
    expect(received).toHaveLength(1);
    const [delivery] = received as [Received];
    expect(delivery.request.method).toBe('POST');
    expect(new URL(delivery.request.url).pathname).toBe(REFUND_NOTIFY_PATH);
    expect(delivery.request.headers.get('x-channel-key')).toBe(channel.key);
    expect(delivery.request.headers.get('content-type')).toBe('application/json');
    const timestamp = delivery.request.headers.get('x-timestamp');
    expect(timestamp).toBe(String(now.getTime() / 1000));
    const check = await verifyChannelSignature({
      secret: channel.secret,
      timestamp,
      signature: delivery.request.headers.get('x-signature'),
      rawBody: delivery.body,
      nowSeconds: now.getTime() / 1000,
    });
    expect(check).toEqual({ ok: true });
    // Another secret does not verify it.
    expect(
      await verifyChannelSignature({
        secret: 'another-secret',
        timestamp,
        signature: delivery.request.headers.get('x-signature'),
        rawBody: delivery.body,
        nowSeconds: now.getTime() / 1000,
      }),
    ).toMatchObject({ ok: false, reason: 'bad_signature' });
    const body = RefundNotify.parse(JSON.parse(delivery.body));
    expect(body).toEqual({
      outRefundNo: 'R20260302000000000001',
      refundId: (answer as { gatewayRefundId: string }).gatewayRefundId,
      status: 'SUCCESS',
      amount: 2580,
      successTime: now.toISOString(),
    });
  });

  it('lets a test decide the outcome; ABNORMAL carries a message, and a re-submitted number is processed again', async () => {
    let outcome: 'SUCCESS' | 'ABNORMAL' = 'ABNORMAL';
    const { sim, received } = simulator({ decide: () => outcome });
    await sim.requestRefund(request());
    await sim.idle();
    expect(JSON.parse(received[0]?.body ?? '')).toMatchObject({
      status: 'ABNORMAL',
      message: expect.any(String),
    });
    outcome = 'SUCCESS';
    await sim.requestRefund(request());
    await sim.idle();
    expect(received.map((r) => JSON.parse(r.body).status)).toEqual(['ABNORMAL', 'SUCCESS']);
    expect(sim.refunds()).toHaveLength(1);
    expect(sim.refunds()[0]?.state).toBe('SUCCESS');
  });

  it('sometimes sends a notification twice', async () => {
    const { sim, received } = simulator({ duplicateRate: 0.5, random: () => 0.3 });
    await sim.requestRefund(request());
    await sim.idle();
    expect(received).toHaveLength(2);
    expect(received[0]?.body).toBe(received[1]?.body);
  });

  it('sends again while the shop answers non-2xx, backing off, a few times at most', async () => {
    const { sim, received, waits } = simulator({
      answer: (n) => (n < 3 ? 500 : 200),
      redeliveryBackoffMs: 1000,
    });
    await sim.requestRefund(request());
    await sim.idle();
    expect(received).toHaveLength(3);
    expect(waits).toEqual([0, 1000, 2000]);
    expect(sim.deliveries().map((d) => d.httpStatus)).toEqual([500, 500, 200]);

    const down = simulator({ answer: () => 503, maxDeliveries: 4 });
    await down.sim.requestRefund(request());
    await down.sim.idle();
    expect(down.received).toHaveLength(4);
  });

  it('retries a delivery that got no answer at all', async () => {
    let calls = 0;
    const { sim } = simulator({
      deliver: async () => {
        calls++;
        if (calls === 1) throw new Error('ECONNREFUSED');
        return new Response('{}', { status: 200 });
      },
    });
    await sim.requestRefund(request());
    await sim.idle();
    expect(sim.deliveries().map((d) => d.httpStatus)).toEqual([null, 200]);
  });
});
