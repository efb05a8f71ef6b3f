/**
 * The mini-program platform's shipping-info upload (发货信息录入, `upload_shipping_info`): the
 * request the report worker sends for one parcel, the platform's answer, and what an answer
 * means for the queue. The real client and the simulator both implement ShippingInfoUploader.
 */
import type { Carrier } from '@siyu/shared';

/** One parcel as the platform wants it listed. */
export type ShippingListEntry = {
  tracking_no: string;
  /** The platform's carrier codes are ours (SF, ZTO, …). */
  express_company: Carrier;
  /** What is in the parcel, "title*quantity", at most 120 characters. */
  item_desc: string;
  /** Required by some carriers (SF) for the platform to query them: masked phones. */
  contact?: { consignor_contact?: string; receiver_contact?: string };
};

export type ShippingInfoUpload = {
  /** 2 = identified by the WeChat Pay transaction id. */
  order_key: { order_number_type: 2; transaction_id: string };
  /** 1 = an express carrier. */
  logistics_type: 1;
  /** 1 = the whole order in one parcel (统一发货); 2 = split into parcels (分拆发货). */
  delivery_mode: 1 | 2;
  /** Split mode only: whether this upload completes the order. */
  is_all_delivered?: boolean;
  shipping_list: ShippingListEntry[];
  /** RFC 3339. */
  upload_time: string;
  payer: { openid: string };
};

export type ShippingInfoAnswer = { errcode: number; errmsg: string };

export interface ShippingInfoUploader {
  /** Resolves with the platform's answer; rejects when no answer came (network, timeout). */
  upload(request: ShippingInfoUpload): Promise<ShippingInfoAnswer>;
}

/** The platform's answer codes this shop meets. */
export const wechatErrcodes = {
  ok: 0,
  systemBusy: -1,
  /** 支付单不存在 */
  noSuchTransaction: 10060001,
  /** 支付单已完成发货，无法继续发货 */
  alreadyShipped: 10060002,
  /** 支付单处于不可发货的状态 */
  notShippable: 10060004,
  /** 物流类型有误 */
  badLogisticsType: 10060005,
  /** 分拆发货模式下必须填写 is_all_delivered */
  splitNeedsAllDelivered: 10060007,
  /** 商品描述 item_desc 字段不能为空 */
  itemDescMissing: 10060008,
  /** 商品描述 item_desc 字段太长 */
  itemDescTooLong: 10060009,
  /** 系统错误 */
  systemError: 10060012,
  /** 参数错误 */
  badParameter: 10060014,
  /** 物流信息列表太长 */
  shippingListTooLong: 10060024,
  /** 上传时间非法 */
  badUploadTime: 268485216,
  /** 发货模式非法 */
  badDeliveryMode: 268485224,
  /** 微信支付单号形式非法 */
  badTransactionId: 268485195,
} as const;

/** Answers that mean "try again later": the platform's own trouble, not our request's. */
const retryableCodes: ReadonlySet<number> = new Set([
  wechatErrcodes.systemBusy,
  wechatErrcodes.systemError,
  10060019, // 系统错误
  10060027, // 系统错误
  40001, // access token expired: the client refreshes it on the next try
  45009, // daily quota reached
]);

export type UploadOutcome =
  | { kind: 'ok' }
  /** Reported before: a retry after an answer that got lost. Counts as reported. */
  | { kind: 'already_reported' }
  | { kind: 'retryable'; error: string }
  | { kind: 'permanent'; error: string };

const describe = (answer: ShippingInfoAnswer) => `${answer.errcode} ${answer.errmsg}`.slice(0, 500);

export function classifyAnswer(answer: ShippingInfoAnswer): UploadOutcome {
  if (answer.errcode === wechatErrcodes.ok) return { kind: 'ok' };
  if (answer.errcode === wechatErrcodes.alreadyShipped) return { kind: 'already_reported' };
  if (retryableCodes.has(answer.errcode)) return { kind: 'retryable', error: describe(answer) };
  return { kind: 'permanent', error: describe(answer) };
}

/** No answer at all (refused connection, reset, timeout): the request may or may not have landed. */
export function classifyFailure(error: unknown): UploadOutcome {
  const message = error instanceof Error ? error.message : String(error);
  return { kind: 'retryable', error: `no answer: ${message}`.slice(0, 500) };
}
