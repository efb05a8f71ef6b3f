/**
 * Words and weights for the demo order history: how shoppers in a WeChat private-domain shop
 * call themselves, where they live, when they buy and whom they ship with.
 */
import type { Carrier } from '@siyu/shared';

/** Nicknames are a first part and an ending: 豆豆妈妈, 橙子宝妈, 小鹿酱 … */
export const nicknameStarts = [
  '豆豆',
  '橙子',
  '糖糖',
  '乐乐',
  '朵朵',
  '果果',
  '可可',
  '甜甜',
  '米粒',
  '七七',
  '安安',
  '晴天',
  '木木',
  '小鹿',
  '小雨',
  '团团',
  '圆圆',
  '悠悠',
  '欢欢',
  '嘟嘟',
  '花花',
  '阿杰',
  '小胖',
  '叮当',
  '柚子',
  '芒果',
  '桃子',
  '向日葵',
  'Lily',
  'Coco',
  'Amy',
  'Vivian',
] as const;
export const nicknameEnds = [
  '妈妈',
  '宝妈',
  '妈',
  '',
  '',
  '酱',
  '爸爸',
  '姐',
  '的小铺',
  '🌸',
  '_',
  '家',
] as const;

export const surnames = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '黄',
  '赵',
  '吴',
  '周',
  '徐',
  '孙',
  '马',
  '朱',
  '胡',
  '郭',
  '何',
  '林',
  '罗',
  '高',
  '郑',
  '梁',
] as const;
export const givenNames = [
  '女士',
  '女士',
  '先生',
  '小姐',
  '静',
  '敏',
  '丽娟',
  '秀英',
  '婷婷',
  '晓燕',
  '伟',
  '磊',
  '海燕',
  '雪梅',
  '建华',
  '欣怡',
] as const;

/** Mobile prefixes after the leading 1 (China Mobile, Unicom, Telecom). */
export const mobilePrefixes = [
  '38',
  '39',
  '35',
  '36',
  '37',
  '50',
  '51',
  '52',
  '57',
  '58',
  '59',
  '82',
  '87',
  '88',
  '86',
  '85',
  '89',
  '77',
  '80',
  '81',
  '99',
  '91',
] as const;

/**
 * Where orders go, listed with a weight (share of a typical shop's orders): the coastal
 * provinces lead. Each place is a province, a city and a district.
 */
export const places: { province: string; code: string; city: string; district: string; weight: number }[] = [
  { province: '广东省', code: '440000', city: '广州市', district: '天河区', weight: 7 },
  { province: '广东省', code: '440000', city: '深圳市', district: '南山区', weight: 7 },
  { province: '广东省', code: '440000', city: '佛山市', district: '顺德区', weight: 3 },
  { province: '浙江省', code: '330000', city: '杭州市', district: '西湖区', weight: 7 },
  { province: '浙江省', code: '330000', city: '宁波市', district: '鄞州区', weight: 3 },
  { province: '江苏省', code: '320000', city: '南京市', district: '鼓楼区', weight: 5 },
  { province: '江苏省', code: '320000', city: '苏州市', district: '工业园区', weight: 5 },
  { province: '上海市', code: '310000', city: '上海市', district: '浦东新区', weight: 7 },
  { province: '北京市', code: '110000', city: '北京市', district: '朝阳区', weight: 6 },
  { province: '山东省', code: '370000', city: '青岛市', district: '市南区', weight: 4 },
  { province: '山东省', code: '370000', city: '济南市', district: '历下区', weight: 3 },
  { province: '四川省', code: '510000', city: '成都市', district: '武侯区', weight: 5 },
  { province: '福建省', code: '350000', city: '厦门市', district: '思明区', weight: 3 },
  { province: '湖北省', code: '420000', city: '武汉市', district: '洪山区', weight: 4 },
  { province: '湖南省', code: '430000', city: '长沙市', district: '岳麓区', weight: 3 },
  { province: '河南省', code: '410000', city: '郑州市', district: '金水区', weight: 3 },
  { province: '重庆市', code: '500000', city: '重庆市', district: '渝北区', weight: 3 },
  { province: '陕西省', code: '610000', city: '西安市', district: '雁塔区', weight: 2 },
  { province: '安徽省', code: '340000', city: '合肥市', district: '蜀山区', weight: 2 },
  { province: '天津市', code: '120000', city: '天津市', district: '南开区', weight: 2 },
  { province: '辽宁省', code: '210000', city: '沈阳市', district: '和平区', weight: 2 },
  { province: '云南省', code: '530000', city: '昆明市', district: '五华区', weight: 1 },
  { province: '广西壮族自治区', code: '450000', city: '南宁市', district: '青秀区', weight: 1 },
  { province: '黑龙江省', code: '230000', city: '哈尔滨市', district: '南岗区', weight: 1 },
  { province: '海南省', code: '460000', city: '海口市', district: '美兰区', weight: 1 },
  { province: '新疆维吾尔自治区', code: '650000', city: '乌鲁木齐市', district: '天山区', weight: 1 },
];

export const streets = [
  '文三路',
  '中山路',
  '人民路',
  '解放路',
  '建设路',
  '和平街',
  '滨江大道',
  '科技园南路',
  '世纪大道',
  '长江路',
  '学府路',
  '幸福里',
] as const;

/** Orders per hour of the day in the shop's time zone: a lunch bump and a 20:00–22:00 peak. */
export const hourWeights = [3, 2, 1, 1, 1, 1, 2, 4, 6, 7, 8, 9, 11, 10, 8, 8, 8, 9, 11, 14, 18, 19, 15, 8];

/** Share of parcels per carrier. */
export const carrierWeights: [Carrier, number][] = [
  ['SF', 22],
  ['ZTO', 20],
  ['YTO', 15],
  ['YD', 12],
  ['STO', 10],
  ['JTSD', 10],
  ['JD', 6],
  ['EMS', 5],
];

/** Expands weights into a list where each item appears `weight` times (for a uniform pick in SQL). */
export function byWeight<T>(items: readonly T[], weightOf: (item: T) => number): T[] {
  return items.flatMap((item) => Array.from({ length: weightOf(item) }, () => item));
}
