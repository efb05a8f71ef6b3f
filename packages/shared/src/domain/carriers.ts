/**
 * The carriers an operator ships with (the list WeChat's 发货信息录入 accepts codes from), each
 * with the shape of its tracking numbers, so a typo is caught at the desk and not by the
 * customer. Shapes are the carriers' published waybill formats, kept loose where they vary.
 */
import { z } from 'zod';

export const carrierCodes = ['SF', 'ZTO', 'YTO', 'STO', 'YD', 'JTSD', 'JD', 'EMS'] as const;
export const Carrier = z.enum(carrierCodes).meta({ id: 'Carrier' });
export type Carrier = z.infer<typeof Carrier>;

type CarrierInfo = { nameZh: string; nameEn: string; trackingNo: RegExp; example: string };

export const carriers: Record<Carrier, CarrierInfo> = {
  SF: { nameZh: '顺丰速运', nameEn: 'SF Express', trackingNo: /^SF\d{12,13}$/, example: 'SF1234567890123' },
  ZTO: {
    nameZh: '中通快递',
    nameEn: 'ZTO Express',
    trackingNo: /^7[0-9]\d{10,13}$/,
    example: '75312345678901',
  },
  YTO: { nameZh: '圆通速递', nameEn: 'YTO Express', trackingNo: /^YT\d{13,15}$/, example: 'YT1234567890123' },
  STO: { nameZh: '申通快递', nameEn: 'STO Express', trackingNo: /^77\d{11,13}$/, example: '7712345678901' },
  YD: {
    nameZh: '韵达快递',
    nameEn: 'Yunda Express',
    trackingNo: /^(31|43|46|53)\d{11,13}$/,
    example: '4312345678901',
  },
  JTSD: { nameZh: '极兔速递', nameEn: 'J&T Express', trackingNo: /^JT\d{13}$/, example: 'JT1234567890123' },
  JD: {
    nameZh: '京东物流',
    nameEn: 'JD Logistics',
    trackingNo: /^JD[A-Z0-9]{11,16}$/,
    example: 'JDVA12345678901',
  },
  EMS: {
    nameZh: '中国邮政EMS',
    nameEn: 'China Post EMS',
    trackingNo: /^([A-Z]{2}\d{9}[A-Z]{2}|1\d{12})$/,
    example: 'EA123456789CN',
  },
};

/** Tracking numbers are compared upper-cased and without spaces, as carriers print them. */
export function normaliseTrackingNo(raw: string): string {
  return raw.replace(/\s+/g, '').toUpperCase();
}

export function isValidTrackingNo(carrier: Carrier, trackingNo: string): boolean {
  return carriers[carrier].trackingNo.test(trackingNo);
}

/** The carrier whose name (zh or en) or code this is, for CSV cells typed by people. */
export function carrierByName(name: string): Carrier | undefined {
  const wanted = name.trim().toLowerCase();
  if (wanted === '') return undefined;
  for (const code of carrierCodes) {
    const info = carriers[code];
    if ([code, info.nameZh, info.nameEn].some((n) => n.toLowerCase() === wanted)) return code;
    // "顺丰" for "顺丰速运": people drop the suffix.
    if (wanted.length >= 2 && info.nameZh.startsWith(wanted)) return code;
  }
  return undefined;
}
