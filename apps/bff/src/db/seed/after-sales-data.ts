/**
 * Words for the demo after-sales history: what customers write when they ask for their money
 * back (by reason code of the shop's default list), what CS notes down, what the gateway answers
 * when a refund fails, and which carriers customers send returns with.
 */
import type { Carrier } from '@siyu/shared';

/** Descriptions by reason code (the settings' default reasons); unknown codes use `other`. */
export const descriptionsByReason: Record<string, readonly string[]> = {
  no_reason: [
    '七天无理由退货，商品未拆封，吊牌都在',
    '收到后觉得不太适合自己，包装完好，申请退货',
    '家里已经有同款了，全新未使用',
    '',
    '不想要了，麻烦尽快处理',
  ],
  changed_mind: [
    '拍错规格了，想要的是另一个颜色',
    '下单时选错尺码，麻烦退一下重新拍',
    '重复下单了，退掉一单',
    '不想要了，还没发货请直接退款',
    '',
  ],
  quality: [
    '用了两天就开线了，做工有问题',
    '有明显色差，和详情页图片不一样，而且有异味',
    '拉链拉不上，质量太差',
    '收到就是坏的，开机没反应',
    '洗了一次就严重掉色，染到其他衣服上了',
    '瓶口漏液，整个盒子都湿了',
  ],
  damaged: [
    '快递外箱被压扁，里面的商品也压坏了',
    '收到时外包装破损，瓶子碎了一个',
    '盒子一角被撞凹了，送人不合适',
    '玻璃杯碎了两只，已拍照',
  ],
  wrong_item: [
    '发错颜色了，我拍的是米白色收到的是灰色',
    '少发了一件，包裹里只有一件',
    '赠品没有收到',
    '尺码发错了，买的 M 码收到 L 码',
  ],
  not_as_described: [
    '实物和描述不符，面料很薄，不是详情页写的加厚款',
    '尺寸比描述的小很多',
    '详情页写的是纯棉，吊牌写的是涤纶',
    '容量和宣传的不一样',
  ],
  not_received: [
    '物流好几天没更新了，一直没收到货',
    '显示已签收但我没收到，问了驿站也没有',
    '快递说包裹丢了，申请退款',
  ],
  other: ['地址填错了，麻烦退款后重新下单', '活动价没享受到，想退了重拍', '家里人已经买了，不需要了', ''],
};

/** CS's notes on a case (timeline `note` events). */
export const caseNotes = [
  '已电话联系客户，确认破损情况属实',
  '客户微信发来补充照片，已核实',
  '已与仓库确认，该批次确有色差',
  '客户表示不急，等退货到仓再处理',
  '提醒客户寄回时附上订单号纸条',
  '已联系快递核实物流，包裹确认遗失',
];

/** What the gateway says when a refund does not go through (WeChat Pay ABNORMAL). */
export const refundFailures = [
  '退款异常：用户银行卡已注销',
  '退款异常：用户银行卡已冻结',
  '退款异常：用户零钱账户异常',
];

/** Carriers customers choose for sending goods back (a share each) and their tracking numbers. */
export const returnCarriers: { carrier: Carrier; weight: number; prefix: string; digits: number }[] = [
  { carrier: 'SF', weight: 3, prefix: 'SF', digits: 13 },
  { carrier: 'ZTO', weight: 3, prefix: '75', digits: 12 },
  { carrier: 'YTO', weight: 2, prefix: 'YT', digits: 13 },
  { carrier: 'JTSD', weight: 2, prefix: 'JT', digits: 13 },
  { carrier: 'YD', weight: 1, prefix: '43', digits: 11 },
];

/** The default reject templates that fit a reason best (used when the shop's list still has them). */
export const rejectTemplateByReason: Record<string, string> = {
  no_reason: '商品已使用或影响二次销售',
  changed_mind: '商品已使用或影响二次销售',
  quality: '未提供有效的问题凭证，请补充照片后重新申请',
  damaged: '未提供有效的问题凭证，请补充照片后重新申请',
  not_as_described: '与客服沟通后已协商解决',
  wrong_item: '与客服沟通后已协商解决',
  not_received: '订单已发货，请收货后申请退货退款',
  other: '与客服沟通后已协商解决',
};

/** Reasons the customer picks, by the kind of case (codes of the settings' default list). */
export const reasonWeights = {
  /** Refund-only before anything was shipped: mostly a change of mind. */
  unshipped: [
    ['changed_mind', 55],
    ['no_reason', 25],
    ['other', 20],
  ],
  /** Refund-only of received goods: compensation without sending them back. */
  keepGoods: [
    ['quality', 35],
    ['damaged', 30],
    ['wrong_item', 20],
    ['not_as_described', 15],
  ],
  /** Return and refund. */
  returns: [
    ['no_reason', 35],
    ['quality', 20],
    ['not_as_described', 15],
    ['damaged', 12],
    ['wrong_item', 10],
    ['changed_mind', 8],
  ],
} as const satisfies Record<string, readonly (readonly [string, number])[]>;

/** Where the demo's customer photos would live (the shop's image host; nothing is served there). */
export const photoBaseUrl = 'https://img.siyu.example/after-sales';
