import { z } from 'zod';
import { provinceByName } from '../domain/provinces.js';
import { shortText } from './common.js';

/** A mainland mobile number: 11 digits, 13x–19x. */
export const MainlandMobile = z
  .string()
  .trim()
  .regex(/^1[3-9]\d{9}$/, 'a mainland mobile number of 11 digits')
  .meta({ id: 'MainlandMobile' });

/**
 * Where an order goes, as WeChat's address picker gives it. The province must be one of the
 * 34 provincial-level divisions, by full or short name ("浙江省" or "浙江"): shipping fees
 * and refusals are decided by it. The district may be empty (东莞市 and a few others have none).
 */
export const ShippingAddress = z
  .strictObject({
    name: shortText(20),
    phone: MainlandMobile,
    province: z
      .string()
      .trim()
      .max(20)
      .refine((name) => provinceByName(name) !== undefined, 'a province of China, e.g. 浙江省'),
    city: shortText(20),
    district: z.string().trim().max(20).default(''),
    detail: shortText(120),
  })
  .meta({ id: 'ShippingAddress' });
export type ShippingAddress = z.infer<typeof ShippingAddress>;
