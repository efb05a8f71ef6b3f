/**
 * A carrier stand-in: each parcel follows a journey planned from its tracking number (hashed
 * into a seeded random source) and its ship time, from the shop's warehouse in Hangzhou through
 * a regional transfer hub to the buyer's city, delivered 1.5–4 days after shipping. About one
 * parcel in fifty meets a failed delivery (address unclear, or the buyer cannot be reached) and
 * is delivered a day later. A query answers the journey's events up to the clock's now, so the
 * same parcel always tells the same story and its events only ever grow.
 */
import { carriers, type TrackingEvent } from '@siyu/shared';
import type { Clock } from '../../lib/clock.js';
import type { LogisticsTracker, TrackingQuery } from './tracker.js';

const HOUR_MS = 3_600_000;
const ORIGIN_CITY = '杭州市';
export const EXCEPTION_SHARE = 0.02;

/** Regional transfer hubs by the destination province's short name (Zhejiang goes direct). */
const hubs: readonly [string, readonly string[]][] = [
  ['北京市', ['北京', '天津', '河北', '山西', '内蒙古']],
  ['沈阳市', ['辽宁', '吉林', '黑龙江']],
  ['上海市', ['上海', '江苏', '安徽', '山东', '江西']],
  ['武汉市', ['河南', '湖北', '湖南']],
  ['广州市', ['广东', '广西', '海南', '福建', '香港', '澳门', '台湾']],
  ['成都市', ['重庆', '四川', '贵州', '云南', '西藏']],
  ['西安市', ['陕西', '甘肃', '青海', '宁夏', '新疆']],
];

const couriers = ['王师傅', '李师傅', '张师傅', '刘师傅', '陈师傅', '杨师傅', '赵师傅', '黄师傅'];
const receivers = ['本人', '本人', '本人', '家人', '门卫', '快递柜', '驿站'];
const exceptionReasons = ['联系不上收件人', '地址不详'];

/** FNV-1a: a stable 32-bit hash of the tracking number. */
export function hashOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

/** mulberry32: a small seeded random source in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const hubCityOf = (province: string) =>
  hubs.find(([, names]) => names.some((n) => province.startsWith(n)))?.[0];
/** 杭州市 → 杭州, as depots are named. */
const shortCity = (city: string) => (city.endsWith('市') && city.length > 2 ? city.slice(0, -1) : city);
const pick = <T>(list: readonly T[], r: number) => list[Math.floor(r * list.length)] as T;

/** The parcel's whole journey, oldest event first, whatever the time now. */
export function journeyOf(query: TrackingQuery): TrackingEvent[] {
  const random = seededRandom(hashOf(`${query.carrier}:${query.trackingNo}`));
  const carrier = carriers[query.carrier].nameZh;
  const dest = query.destination.city || query.destination.province;
  const shipped = query.shippedAt.getTime();
  const pickedUp = shipped + (1 + 2 * random()) * HOUR_MS;
  const arrives = shipped + (36 + 60 * random()) * HOUR_MS; // first delivery round: 1.5–4 days
  const at = (t: number) => new Date(Math.floor(t / 1000) * 1000).toISOString();
  const between = (fraction: number) => pickedUp + (arrives - pickedUp) * fraction;
  const events: TrackingEvent[] = [];
  const add = (t: number, status: TrackingEvent['status'], city: string, description: string) =>
    events.push({ at: at(t), status, location: city, description: `【${city}】${description}` });

  add(pickedUp, 'in_transit', ORIGIN_CITY, `快件已由${carrier}揽收，揽收网点：杭州余杭营业部`);
  const hub = hubCityOf(query.destination.province);
  const legs = [ORIGIN_CITY, ...(hub && hub !== dest && hub !== ORIGIN_CITY ? [hub] : [])];
  legs.forEach((city, i) => {
    const next = legs[i + 1] ?? dest;
    const from = 0.05 + (0.6 * i) / legs.length;
    add(between(from), 'in_transit', city, `快件已到达【${shortCity(city)}转运中心】`);
    add(
      between(from + 0.08 + 0.05 * random()),
      'in_transit',
      city,
      `快件已从【${shortCity(city)}转运中心】发出，准备发往【${shortCity(next)}】`,
    );
  });
  add(between(0.8), 'in_transit', dest, `快件已到达【${shortCity(dest)}城区营业部】`);
  const courier = pick(couriers, random());
  const outAt = arrives - (1 + 2 * random()) * HOUR_MS;
  add(outAt, 'out_for_delivery', dest, `快件正在派送中，派件员：${courier}，请保持电话畅通`);
  let deliveredAt = arrives;
  if (random() < EXCEPTION_SHARE) {
    const reason = pick(exceptionReasons, random());
    add(outAt + HOUR_MS, 'exception', dest, `快件派送不成功（${reason}），快递员将于次日再次派送`);
    deliveredAt += 24 * HOUR_MS;
    add(
      outAt + 24 * HOUR_MS,
      'out_for_delivery',
      dest,
      `快件正在再次派送，派件员：${courier}，请保持电话畅通`,
    );
  }
  add(
    deliveredAt,
    'delivered',
    dest,
    `快件已签收，签收人：${pick(receivers, random())}。感谢使用${carrier}，期待再次为您服务`,
  );
  return events;
}

export function createTrackingSimulator(clock: Clock): LogisticsTracker {
  return {
    async track(query) {
      const now = clock().getTime();
      return journeyOf(query).filter((event) => Date.parse(event.at) <= now);
    },
  };
}
