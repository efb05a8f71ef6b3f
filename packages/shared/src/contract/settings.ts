import { z } from 'zod';
import { shortText, Timestamp, Version } from './common.js';

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
  })
  .meta({ id: 'SettingsUpdate' });
export type SettingsUpdate = z.infer<typeof SettingsUpdate>;

export const defaultSettings: Omit<Settings, 'id' | 'updatedAt' | 'version'> = {
  shopName: '私域小店',
  timeZone: 'Asia/Shanghai',
  orderAutoCloseMinutes: 30,
  autoConfirmDays: 10,
  refundWindowDays: 7,
  csSlaHours: 24,
  kpiConversionAlertBp: 300,
  kpiRepurchase7dAlertBp: 500,
};
