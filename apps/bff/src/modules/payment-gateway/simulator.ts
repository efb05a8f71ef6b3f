/**
 * An in-process stand-in for WeChat Pay's refunds, for development, the demo and tests. Like
 * the real gateway it:
 * - keys every refund by out_refund_no: the same number again never makes a second refund (the
 *   same answer comes back; a number whose refund ended ABNORMAL is processed again, as a
 *   re-submitted refund is), and with another amount it is refused for good;
 * - refuses an amount ≤ 0, above the payment, or above what is left of the payment;
 * - is busy now and then (SYSTEM_ERROR, retryable);
 * - answers at once and tells the outcome later (SUCCESS or ABNORMAL) by a notification signed
 *   with the order's channel key and secret, exactly as the channel API checks it; sometimes it
 *   sends it twice, and it sends it again (a few times, backing off) while the shop does not
 *   answer 2xx.
 * Randomness, the delay, the clock and sleeping are injected, so tests decide every outcome.
 */
import { randomInt } from 'node:crypto';
import { channelHeaders, type RefundNotify, signChannelRequest } from '@siyu/shared';
import type { Clock } from '../../lib/clock.js';
import type { PaymentGateway, RefundAnswer, RefundRequest } from './gateway.js';

export const REFUND_NOTIFY_PATH = '/api/channel/refunds/notify';

export type RefundOutcome = 'SUCCESS' | 'ABNORMAL';

export type RefundSimulatorOptions = {
  /** The key and secret of a channel (the order's): they sign its notifications. */
  channelCredentials: (channelId: number) => Promise<{ key: string; secret: string } | undefined>;
  /** Sends a notification to the shop (this app's fetch). */
  deliver: (request: Request) => Promise<Response>;
  /** Where notifications go (default http://localhost + REFUND_NOTIFY_PATH). */
  notifyUrl?: string;
  /** How long after acceptance the outcome is notified (default 0). */
  notifyDelayMs?: number;
  /** Share of requests refused as SYSTEM_ERROR (retryable), 0..1 (default 0). */
  transientFailureRate?: number;
  /** Share of refunds that end ABNORMAL, 0..1 (default 0); `decide` overrides it. */
  failureRate?: number;
  /** Share of notifications sent twice, 0..1 (default 0). */
  duplicateRate?: number;
  /** The outcome of a refund, when a test wants to choose it. */
  decide?: (request: RefundRequest) => RefundOutcome;
  /** Tries per notification while the shop answers non-2xx or not at all (default 5). */
  maxDeliveries?: number;
  /** The wait before the first re-delivery, doubled each time (default 1000 ms). */
  redeliveryBackoffMs?: number;
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
  clock?: Clock;
};

export type SimulatedRefund = {
  outRefundNo: string;
  gatewayRefundId: string;
  transactionId: string;
  amount: number;
  /** PROCESSING until its outcome is decided. */
  state: 'PROCESSING' | RefundOutcome;
};

export type Delivery = { outRefundNo: string; status: RefundOutcome; httpStatus: number | null };

export type RefundSimulator = PaymentGateway & {
  /** Every request received, refused ones included, in order. */
  requests(): RefundRequest[];
  /** Refunds as the gateway keeps them: one per out_refund_no. */
  refunds(): SimulatedRefund[];
  /** Every notification attempt and what the shop answered (null: no answer). */
  deliveries(): Delivery[];
  /** Resolves once no notification is waiting or being sent. */
  idle(): Promise<void>;
};

const realSleep = (ms: number) =>
  new Promise<void>((resolve) => {
    // Unref'd: a notification still due never keeps the process alive.
    setTimeout(resolve, ms).unref();
  });

const refused = (code: string, message: string, retryable: boolean): RefundAnswer => ({
  status: 'refused',
  code,
  message,
  retryable,
});

/** WeChat's refund ids are long digit strings starting 50. */
const newGatewayRefundId = () =>
  `50${String(randomInt(0, 1e12)).padStart(12, '0')}${String(randomInt(0, 1e12)).padStart(12, '0')}`;

export function createRefundSimulator(options: RefundSimulatorOptions): RefundSimulator {
  const random = options.random ?? Math.random;
  const sleep = options.sleep ?? realSleep;
  const clock = options.clock ?? (() => new Date());
  const notifyUrl = options.notifyUrl ?? `http://localhost${REFUND_NOTIFY_PATH}`;
  const maxDeliveries = options.maxDeliveries ?? 5;
  const backoffMs = options.redeliveryBackoffMs ?? 1000;
  const requests: RefundRequest[] = [];
  const byNumber = new Map<string, SimulatedRefund & { request: RefundRequest }>();
  const deliveries: Delivery[] = [];
  const pending = new Set<Promise<void>>();

  /** One notification, sent until the shop answers 2xx or the tries run out. */
  async function deliverOnce(request: RefundRequest, body: RefundNotify) {
    for (let attempt = 0; attempt < maxDeliveries; attempt++) {
      if (attempt > 0) await sleep(backoffMs * 2 ** (attempt - 1));
      let httpStatus: number | null = null;
      try {
        const credentials = await options.channelCredentials(request.channelId);
        if (credentials) {
          const rawBody = JSON.stringify(body);
          const timestamp = String(Math.floor(clock().getTime() / 1000));
          const response = await options.deliver(
            new Request(notifyUrl, {
              method: 'POST',
              headers: {
                'content-type': 'application/json',
                [channelHeaders.key]: credentials.key,
                [channelHeaders.timestamp]: timestamp,
                [channelHeaders.signature]: await signChannelRequest(credentials.secret, timestamp, rawBody),
              },
              body: rawBody,
            }),
          );
          httpStatus = response.status;
          await response.body?.cancel();
        }
      } catch {
        httpStatus = null;
      }
      deliveries.push({ outRefundNo: body.outRefundNo, status: body.status as RefundOutcome, httpStatus });
      if (httpStatus !== null && httpStatus >= 200 && httpStatus < 300) return;
    }
  }

  /** After the delay: decides the outcome (once) and notifies it, sometimes twice. */
  function settleLater(refund: SimulatedRefund & { request: RefundRequest }) {
    const run = (async () => {
      await sleep(options.notifyDelayMs ?? 0);
      if (refund.state === 'PROCESSING')
        refund.state =
          options.decide?.(refund.request) ??
          (random() < (options.failureRate ?? 0) ? 'ABNORMAL' : 'SUCCESS');
      const body: RefundNotify = {
        outRefundNo: refund.outRefundNo,
        refundId: refund.gatewayRefundId,
        status: refund.state,
        amount: refund.amount,
        ...(refund.state === 'SUCCESS'
          ? { successTime: clock().toISOString() }
          : { message: '退款异常：用户银行卡已注销' }),
      };
      const twice = random() < (options.duplicateRate ?? 0);
      await Promise.all([
        deliverOnce(refund.request, body),
        ...(twice ? [deliverOnce(refund.request, body)] : []),
      ]);
    })();
    const tracked = run.finally(() => pending.delete(tracked));
    pending.add(tracked);
  }

  /** What is already paid back or on its way back from this payment. */
  const committedOf = (transactionId: string) =>
    [...byNumber.values()]
      .filter((r) => r.transactionId === transactionId && r.state !== 'ABNORMAL')
      .reduce((sum, r) => sum + r.amount, 0);

  return {
    async requestRefund(request) {
      requests.push({ ...request });
      if (random() < (options.transientFailureRate ?? 0))
        return refused('SYSTEM_ERROR', '系统超时，请使用相同参数稍后重新调用', true);
      const { refundAmount: amount, totalAmount: total } = request;
      if (!Number.isSafeInteger(amount) || !Number.isSafeInteger(total) || amount <= 0 || total <= 0)
        return refused('PARAM_ERROR', '退款金额必须为正整数（分）', false);
      if (amount > total) return refused('PARAM_ERROR', '退款金额大于订单金额', false);
      const known = byNumber.get(request.outRefundNo);
      if (known) {
        if (known.amount !== amount || known.transactionId !== request.transactionId)
          return refused('INVALID_REQUEST', '退款单号已存在，且请求参数与原请求不一致', false);
        // A re-submitted refund that ended ABNORMAL is processed again; otherwise the same answer.
        if (known.state === 'ABNORMAL') {
          if (committedOf(request.transactionId) + amount > total)
            return refused('INVALID_REQUEST', '申请退款金额超过订单可退金额', false);
          known.state = 'PROCESSING';
          settleLater(known);
        } else if (known.state === 'SUCCESS') {
          // The shop asks again: it has not heard, so it is told again.
          settleLater(known);
        }
        return { status: 'accepted', gatewayRefundId: known.gatewayRefundId };
      }
      if (committedOf(request.transactionId) + amount > total)
        return refused('INVALID_REQUEST', '申请退款金额超过订单可退金额', false);
      const refund = {
        outRefundNo: request.outRefundNo,
        gatewayRefundId: newGatewayRefundId(),
        transactionId: request.transactionId,
        amount,
        state: 'PROCESSING' as const,
        request: { ...request },
      };
      byNumber.set(request.outRefundNo, refund);
      settleLater(refund);
      return { status: 'accepted', gatewayRefundId: refund.gatewayRefundId };
    },
    requests: () => requests.map((r) => ({ ...r })),
    refunds: () => [...byNumber.values()].map(({ request: _request, ...refund }) => ({ ...refund })),
    deliveries: () => deliveries.map((d) => ({ ...d })),
    async idle() {
      while (pending.size > 0) await Promise.allSettled([...pending]);
    },
  };
}
