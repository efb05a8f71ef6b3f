/**
 * An in-process stand-in for the platform's upload_shipping_info, for development, the demo and
 * tests: it checks the payload as the platform does, remembers each accepted parcel (a repeat is
 * answered "already shipped", as the platform answers a retry whose first answer was lost), takes
 * a little time, and fails now and then like a busy service — sometimes after it has accepted
 * the parcel, so the lost-answer path is exercised too. Randomness is injected.
 */
import { carrierCodes } from '@siyu/shared';
import {
  type ShippingInfoAnswer,
  type ShippingInfoUpload,
  type ShippingInfoUploader,
  wechatErrcodes,
} from './uploader.js';

export type WechatSimulatorOptions = {
  /** Milliseconds each call takes (default 0). */
  latencyMs?: number;
  /** Share of calls that fail transiently, 0..1 (default 0). */
  transientFailureRate?: number;
  /** The random source deciding failures (default Math.random). */
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
};

/** What the dev server and the demo run with: a little latency, one call in twenty fails. */
export const demoSimulatorOptions: WechatSimulatorOptions = { latencyMs: 80, transientFailureRate: 0.05 };

export type WechatSimulator = ShippingInfoUploader & {
  /** From now on, uploads for this transaction are refused (as for an unknown payment). */
  failPermanently(transactionId: string, errcode?: number, errmsg?: string): void;
  /** Parcels accepted so far, as `transactionId/trackingNo`. */
  accepted(): string[];
};

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const knownCarriers: ReadonlySet<string> = new Set(carrierCodes);

const answer = (errcode: number, errmsg: string): ShippingInfoAnswer => ({ errcode, errmsg });

/** The platform's checks of the request itself; undefined when it passes them. */
export function checkUpload(request: ShippingInfoUpload): ShippingInfoAnswer | undefined {
  const key = request.order_key;
  if (key?.order_number_type !== 2 || !/^[0-9A-Za-z_-]{1,64}$/.test(key.transaction_id ?? ''))
    return answer(wechatErrcodes.badTransactionId, '微信支付单号形式非法');
  if (request.logistics_type !== 1) return answer(wechatErrcodes.badLogisticsType, '物流类型有误');
  if (request.delivery_mode !== 1 && request.delivery_mode !== 2)
    return answer(wechatErrcodes.badDeliveryMode, '发货模式非法');
  if (request.delivery_mode === 2 && typeof request.is_all_delivered !== 'boolean')
    return answer(wechatErrcodes.splitNeedsAllDelivered, '分拆发货模式下必须填写is_all_delivered');
  const list = request.shipping_list ?? [];
  if (list.length === 0) return answer(wechatErrcodes.badParameter, '参数错误: shipping_list 不能为空');
  if (list.length > 15) return answer(wechatErrcodes.shippingListTooLong, '物流信息列表太长');
  for (const entry of list) {
    if (!entry.item_desc) return answer(wechatErrcodes.itemDescMissing, '商品描述item_desc字段不能为空');
    if ([...entry.item_desc].length > 120)
      return answer(wechatErrcodes.itemDescTooLong, '商品描述item_desc字段太长');
    if (!knownCarriers.has(entry.express_company))
      return answer(wechatErrcodes.badParameter, '参数错误: 物流公司编码有误');
    if (!/^[0-9A-Za-z]{1,128}$/.test(entry.tracking_no ?? ''))
      return answer(wechatErrcodes.badParameter, '参数错误: 物流单号有误');
    if (
      entry.express_company === 'SF' &&
      !entry.contact?.receiver_contact &&
      !entry.contact?.consignor_contact
    )
      return answer(wechatErrcodes.badParameter, '参数错误: 顺丰速运需填写联系方式');
  }
  if (!RFC3339.test(request.upload_time ?? '') || Number.isNaN(Date.parse(request.upload_time)))
    return answer(wechatErrcodes.badUploadTime, '上传时间非法，请按照RFC 3339格式填写');
  if (!request.payer?.openid) return answer(wechatErrcodes.badParameter, '参数错误: payer.openid 不能为空');
  return undefined;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createWechatSimulator(options: WechatSimulatorOptions = {}): WechatSimulator {
  const random = options.random ?? Math.random;
  const sleep = options.sleep ?? realSleep;
  const failureRate = options.transientFailureRate ?? 0;
  const refused = new Map<string, ShippingInfoAnswer>();
  /** Per transaction: its parcels, and whether it was reported complete. */
  const orders = new Map<string, { parcels: Set<string>; complete: boolean }>();

  function accept(request: ShippingInfoUpload): ShippingInfoAnswer {
    const transactionId = request.order_key.transaction_id;
    const refusal = refused.get(transactionId);
    if (refusal) return refusal;
    const known = orders.get(transactionId) ?? { parcels: new Set<string>(), complete: false };
    const trackingNos = request.shipping_list.map((entry) => entry.tracking_no);
    if (known.complete || trackingNos.every((no) => known.parcels.has(no)))
      return answer(wechatErrcodes.alreadyShipped, '支付单已完成发货，无法继续发货');
    for (const no of trackingNos) known.parcels.add(no);
    known.complete = request.delivery_mode === 1 || request.is_all_delivered === true;
    orders.set(transactionId, known);
    return answer(wechatErrcodes.ok, 'ok');
  }

  return {
    async upload(request) {
      if (options.latencyMs) await sleep(options.latencyMs);
      const invalid = checkUpload(request);
      if (invalid) return invalid;
      if (random() < failureRate) {
        // Half the time the platform is busy; half the time it did the work and the answer is lost.
        if (random() < 0.5) return answer(wechatErrcodes.systemBusy, 'system error');
        accept(request);
        throw new Error('ETIMEDOUT: the platform did not answer in time');
      }
      return accept(request);
    },
    failPermanently(transactionId, errcode = wechatErrcodes.noSuchTransaction, errmsg = '支付单不存在') {
      refused.set(transactionId, answer(errcode, errmsg));
    },
    accepted() {
      return [...orders].flatMap(([transactionId, known]) =>
        [...known.parcels].map((no) => `${transactionId}/${no}`),
      );
    },
  };
}
