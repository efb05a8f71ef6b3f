import { z } from 'zod';
import { AfterSalesReason, ReturnAddress } from './afterSales.js';
import { shortText, Timestamp, Version } from './common.js';
import { FenAmount } from './products.js';

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const TimeZone = z.string().trim().max(64).refine(isTimeZone, 'an IANA time zone such as Asia/Shanghai');

/** Percent thresholds are basis points (300 = 3.00 %), integers like every stored figure. */
const BasisPoints = z.number().int().min(0).max(10_000);

const settingsFields = {
  shopName: shortText(60),
  timeZone: TimeZone,
  orderAutoCloseMinutes: z.number().int().min(5).max(10_080),
  autoConfirmDays: z.number().int().min(1).max(60),
  refundWindowDays: z.number().int().min(0).max(90),
  csSlaHours: z.number().int().min(1).max(168),
  kpiConversionAlertBp: BasisPoints,
  kpiRepurchase7dAlertBp: BasisPoints,
  /** A refund-only case of an unshipped order is approved by the system after this many silent hours. */
  refundAutoApproveHours: z.number().int().min(1).max(168),
  /** A customer has this many days to send approved returns back; then the case closes. */
  returnShipDays: z.number().int().min(1).max(30),
  /** CS approves refunds up to this amount (fen); above it an admin approves too. */
  refundApprovalLimit: FenAmount,
  /** Refund-only cases up to this amount (fen) can be approved in bulk. */
  bulkApproveMaxAmount: FenAmount,
  /** The reasons a customer may choose; codes are unique. */
  afterSalesReasons: z
    .array(AfterSalesReason)
    .min(1)
    .max(30)
    .refine((list) => new Set(list.map((r) => r.code)).size === list.length, 'each reason code once'),
  /** Ready-made rejection reasons CS picks from. */
  rejectReasonTemplates: z.array(shortText(200)).max(30),
  /** Where returned goods go, unless CS gives another address when approving. */
  returnAddress: ReturnAddress,
};

/** The shop's settings are a single record with id "shop". */
export const SHOP_SETTINGS_ID = 'shop';

export const Settings = z
  .object({
    id: z.literal(SHOP_SETTINGS_ID),
    ...settingsFields,
    updatedAt: Timestamp,
    version: Version,
  })
  .meta({ id: 'Settings' });
export type Settings = z.infer<typeof Settings>;

export const SettingsUpdate = z
  .strictObject({
    shopName: settingsFields.shopName.optional(),
    timeZone: settingsFields.timeZone.optional(),
    orderAutoCloseMinutes: settingsFields.orderAutoCloseMinutes.optional(),
    autoConfirmDays: settingsFields.autoConfirmDays.optional(),
    refundWindowDays: settingsFields.refundWindowDays.optional(),
    csSlaHours: settingsFields.csSlaHours.optional(),
    kpiConversionAlertBp: settingsFields.kpiConversionAlertBp.optional(),
    kpiRepurchase7dAlertBp: settingsFields.kpiRepurchase7dAlertBp.optional(),
    refundAutoApproveHours: settingsFields.refundAutoApproveHours.optional(),
    returnShipDays: settingsFields.returnShipDays.optional(),
    refundApprovalLimit: settingsFields.refundApprovalLimit.optional(),
    bulkApproveMaxAmount: settingsFields.bulkApproveMaxAmount.optional(),
    afterSalesReasons: settingsFields.afterSalesReasons.optional(),
    rejectReasonTemplates: settingsFields.rejectReasonTemplates.optional(),
    returnAddress: settingsFields.returnAddress.optional(),
  })
  .meta({ id: 'SettingsUpdate' });
export type SettingsUpdate = z.infer<typeof SettingsUpdate>;

/** The reasons of the seeds' after-sales SOP; shops edit the list in the settings. */
export const defaultAfterSalesReasons: AfterSalesReason[] = [
  { code: 'no_reason', label: '七天无理由', noReason: true },
  { code: 'changed_mind', label: '拍错/不想要了', noReason: true },
  { code: 'quality', label: '质量问题', noReason: false },
  { code: 'damaged', label: '商品破损', noReason: false },
  { code: 'wrong_item', label: '发错货/漏发', noReason: false },
  { code: 'not_as_described', label: '与描述不符', noReason: false },
  { code: 'not_received', label: '未收到货', noReason: false },
  { code: 'other', label: '其他', noReason: false },
];

export const defaultRejectReasonTemplates: string[] = [
  '已超过七天无理由退货期限',
  '商品已使用或影响二次销售',
  '未提供有效的问题凭证，请补充照片后重新申请',
  '订单已发货，请收货后申请退货退款',
  '与客服沟通后已协商解决',
];

export const defaultSettings: Omit<Settings, 'id' | 'updatedAt' | 'version'> = {
  shopName: '私域小店',
  timeZone: 'Asia/Shanghai',
  orderAutoCloseMinutes: 30,
  autoConfirmDays: 10,
  refundWindowDays: 7,
  csSlaHours: 24,
  kpiConversionAlertBp: 300,
  kpiRepurchase7dAlertBp: 500,
  refundAutoApproveHours: 48,
  returnShipDays: 7,
  refundApprovalLimit: 50_000,
  bulkApproveMaxAmount: 5_000,
  afterSalesReasons: defaultAfterSalesReasons,
  rejectReasonTemplates: defaultRejectReasonTemplates,
  returnAddress: {
    name: '售后仓',
    phone: '0571-88880000',
    address: '浙江省杭州市余杭区仓前街道 文一西路 1288 号 售后部',
  },
};
