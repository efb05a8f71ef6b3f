/**
 * The simulated storefront's shoppers: each visit browses (page and product views, sometimes a
 * cart and a checkout, sent as one batch of visit events), and a checkout places an order that
 * is mostly paid through the gateway's signed notification, sometimes cancelled while unpaid,
 * sometimes left to the auto-close job. Paid orders are looked at again later, and once the
 * shop has shipped one the buyer confirms receipt.
 */
import { randomBytes } from 'node:crypto';
import type { ChannelOrder, VisitEvent } from '@siyu/shared';
import { nicknameEnds, nicknameStarts, places, streets, surnames } from '../db/seed/orders-data.js';
import type { SellableSku } from './catalog.js';
import type { ChannelAnswer, ChannelClient } from './channel-client.js';

export type Tally = {
  visits: number;
  events: number;
  placed: number;
  paid: number;
  cancelled: number;
  confirmed: number;
  /** Refusals by error code (or HTTP status when there is none). */
  refused: Record<string, number>;
};

type Buyer = { openid: string; nickname: string; phone: string };
type Random = () => number;

const hex = (bytes: number) => randomBytes(bytes).toString('hex');

export function createStorefront(client: ChannelClient, skus: SellableSku[], random: Random = Math.random) {
  const tally: Tally = { visits: 0, events: 0, placed: 0, paid: 0, cancelled: 0, confirmed: 0, refused: {} };
  const regulars: Buyer[] = [];
  const awaiting: { orderNo: string; openid: string }[] = [];
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const refuse = (answer: ChannelAnswer) => {
    const code = answer.code ?? `HTTP_${answer.status}`;
    tally.refused[code] = (tally.refused[code] ?? 0) + 1;
  };

  function newBuyer(): Buyer {
    const buyer = {
      openid: `sim${hex(12)}`,
      nickname: `${pick(nicknameStarts)}${pick(nicknameEnds)}`,
      phone: `1${pick(['38', '39', '58', '86', '88', '77'])}${String(Math.floor(random() * 1e8)).padStart(8, '0')}`,
    };
    if (regulars.length < 500) regulars.push(buyer);
    return buyer;
  }

  async function visit(): Promise<void> {
    if (skus.length === 0) throw new Error('nothing on sale to simulate shoppers with');
    tally.visits += 1;
    // A third browse without signing in; regulars come back.
    const buyer =
      random() < 0.3 ? undefined : regulars.length > 0 && random() < 0.4 ? pick(regulars) : newBuyer();
    const who = buyer ? { openid: buyer.openid } : { visitorId: `v${hex(8)}` };
    const at = () => new Date().toISOString();
    const events: VisitEvent[] = [{ type: 'page_view', ...who, at: at(), page: '/pages/index/index' }];
    const viewed = Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(skus));
    for (const sku of viewed)
      events.push({ type: 'product_view', ...who, at: at(), productId: sku.productId });
    const cart = [...new Map(viewed.filter(() => random() < 0.35).map((s) => [s.skuId, s])).values()];
    for (const sku of cart)
      events.push({
        type: 'add_to_cart',
        ...who,
        at: at(),
        productId: sku.productId,
        skuId: sku.skuId,
        quantity: 1,
      });
    const checksOut = buyer !== undefined && cart.length > 0 && random() < 0.6;
    if (checksOut) events.push({ type: 'checkout', ...who, at: at() });
    const sent = await client.post('/api/channel/events', { events });
    if (sent.status >= 200 && sent.status < 300) tally.events += events.length;
    else refuse(sent);
    if (checksOut && buyer) await order(buyer, cart);
  }

  async function order(buyer: Buyer, cart: SellableSku[]): Promise<void> {
    const place = pick(places);
    const placed = await client.post('/api/channel/orders', {
      buyer,
      items: cart.map((s) => ({ skuId: s.skuId, quantity: random() < 0.8 ? 1 : 2 })),
      address: {
        name: `${pick(surnames)}女士`,
        phone: buyer.phone,
        province: place.province,
        city: place.city,
        district: place.district,
        detail: `${pick(streets)} ${1 + Math.floor(random() * 300)} 号`,
      },
      note: '',
      couponId: null,
    });
    if (placed.status !== 201) return refuse(placed);
    tally.placed += 1;
    const { orderNo, payableAmount } = placed.data as ChannelOrder;
    const fate = random();
    if (fate < 0.85) {
      const paid = await client.post('/api/channel/payments/notify', {
        orderNo,
        transactionId: `SIM${hex(12)}`,
        amount: payableAmount,
        paidAt: new Date().toISOString(),
      });
      if (paid.status !== 200) return refuse(paid);
      tally.paid += 1;
      awaiting.push({ orderNo, openid: buyer.openid });
    } else if (fate < 0.93) {
      const cancelled = await client.post(`/api/channel/orders/${orderNo}/cancel`, {
        openid: buyer.openid,
        reason: '不想要了',
      });
      if (cancelled.status === 200) tally.cancelled += 1;
      else refuse(cancelled);
    }
    // The rest stay unpaid until the auto-close job cancels them.
  }

  /** Looks at a few paid orders, oldest first; a shipped one is confirmed as received. */
  async function checkDeliveries(max = 5): Promise<void> {
    for (const order of awaiting.splice(0, max)) {
      const read = await client.get(`/api/channel/orders/${order.orderNo}?openid=${order.openid}`);
      const status = (read.data as ChannelOrder | undefined)?.status;
      if (status === 'shipped') {
        const confirmed = await client.post(`/api/channel/orders/${order.orderNo}/confirm-receipt`, {
          openid: order.openid,
        });
        if (confirmed.status === 200) tally.confirmed += 1;
        else refuse(confirmed);
      } else if (status === 'paid' || status === 'partially_shipped') {
        awaiting.push(order);
      }
    }
  }

  return { visit, checkDeliveries, tally };
}

export function summaryLine(tally: Tally, seconds: number): string {
  const refused = Object.entries(tally.refused)
    .map(([code, n]) => `${code}×${n}`)
    .join(' ');
  return `${seconds.toFixed(0)}s visits ${tally.visits}, events ${tally.events}, orders placed ${tally.placed}, paid ${tally.paid}, cancelled ${tally.cancelled}, confirmed ${tally.confirmed}, refused ${refused || 0}`;
}
