/**
 * The 34 provincial-level divisions, by their GB/T 2260 codes (what address pickers such as
 * WeChat's chooseAddress report as the first two digits of `nationalCode`). Shipping templates
 * name regions by code; storefront addresses arrive with the province's name.
 */
import { z } from 'zod';

export const provinces = [
  { code: '110000', name: '北京市', short: '北京' },
  { code: '120000', name: '天津市', short: '天津' },
  { code: '130000', name: '河北省', short: '河北' },
  { code: '140000', name: '山西省', short: '山西' },
  { code: '150000', name: '内蒙古自治区', short: '内蒙古' },
  { code: '210000', name: '辽宁省', short: '辽宁' },
  { code: '220000', name: '吉林省', short: '吉林' },
  { code: '230000', name: '黑龙江省', short: '黑龙江' },
  { code: '310000', name: '上海市', short: '上海' },
  { code: '320000', name: '江苏省', short: '江苏' },
  { code: '330000', name: '浙江省', short: '浙江' },
  { code: '340000', name: '安徽省', short: '安徽' },
  { code: '350000', name: '福建省', short: '福建' },
  { code: '360000', name: '江西省', short: '江西' },
  { code: '370000', name: '山东省', short: '山东' },
  { code: '410000', name: '河南省', short: '河南' },
  { code: '420000', name: '湖北省', short: '湖北' },
  { code: '430000', name: '湖南省', short: '湖南' },
  { code: '440000', name: '广东省', short: '广东' },
  { code: '450000', name: '广西壮族自治区', short: '广西' },
  { code: '460000', name: '海南省', short: '海南' },
  { code: '500000', name: '重庆市', short: '重庆' },
  { code: '510000', name: '四川省', short: '四川' },
  { code: '520000', name: '贵州省', short: '贵州' },
  { code: '530000', name: '云南省', short: '云南' },
  { code: '540000', name: '西藏自治区', short: '西藏' },
  { code: '610000', name: '陕西省', short: '陕西' },
  { code: '620000', name: '甘肃省', short: '甘肃' },
  { code: '630000', name: '青海省', short: '青海' },
  { code: '640000', name: '宁夏回族自治区', short: '宁夏' },
  { code: '650000', name: '新疆维吾尔自治区', short: '新疆' },
  { code: '710000', name: '台湾省', short: '台湾' },
  { code: '810000', name: '香港特别行政区', short: '香港' },
  { code: '820000', name: '澳门特别行政区', short: '澳门' },
] as const;

export type Province = (typeof provinces)[number];
export const provinceCodes = provinces.map((p) => p.code) as [Province['code'], ...Province['code'][]];
export const ProvinceCode = z.enum(provinceCodes).meta({ id: 'ProvinceCode' });
export type ProvinceCode = z.infer<typeof ProvinceCode>;

const byName = new Map<string, Province>(
  provinces.flatMap((p) => [[p.name, p] as const, [p.short, p] as const]),
);
const byCode = new Map<string, Province>(provinces.map((p) => [p.code, p] as const));

/** "浙江省" or "浙江" → the province; undefined for anything else (no fuzzy matching). */
export function provinceByName(name: string): Province | undefined {
  return byName.get(name.trim());
}

export function provinceByCode(code: string): Province | undefined {
  return byCode.get(code);
}

/** Where couriers commonly charge extra (偏远地区): a starting point for a template, not a rule. */
export const commonRemoteProvinceCodes: readonly ProvinceCode[] = [
  '150000', // 内蒙古
  '540000', // 西藏
  '620000', // 甘肃
  '630000', // 青海
  '640000', // 宁夏
  '650000', // 新疆
];

/** Outside the mainland customs area: most shops do not ship there (港澳台不发货). */
export const commonUndeliverableProvinceCodes: readonly ProvinceCode[] = ['710000', '810000', '820000'];
