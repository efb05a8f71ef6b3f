import { describe, expect, it } from 'vitest';
import { syncStateOf } from '../src/modules/shipment-reports/sync-state.js';
import { ITEM_DESC_MAX, itemDescription } from '../src/modules/shipment-reports/upload-request.js';
import {
  classifyAnswer,
  classifyFailure,
  type ShippingInfoUpload,
} from '../src/modules/shipment-reports/uploader.js';
import { checkUpload, createWechatSimulator } from '../src/modules/shipment-reports/wechat-simulator.js';
import { backoffMs } from '../src/modules/shipment-reports/worker.js';

const upload = (
  overrides: Partial<ShippingInfoUpload> = {},
  trackingNo = 'SF1234567890123',
): ShippingInfoUpload => ({
  order_key: { order_number_type: 2, transaction_id: '4200001858202306300646157659' },
  logistics_type: 1,
  delivery_mode: 1,
  shipping_list: [
    {
      tracking_no: trackingNo,
      express_company: 'SF',
      item_desc: '真丝睡衣*1',
      contact: { receiver_contact: '138****1234' },
    },
  ],
  upload_time: '2026-03-02T10:15:00.000Z',
  payer: { openid: 'oA1b2c3d4' },
  ...overrides,
});

describe('the platform answers', () => {
  it('are ok, already reported, retryable or permanent', () => {
    expect(classifyAnswer({ errcode: 0, errmsg: 'ok' })).toEqual({ kind: 'ok' });
    expect(classifyAnswer({ errcode: 10060002, errmsg: '支付单已完成发货' })).toEqual({
      kind: 'already_reported',
    });
    expect(classifyAnswer({ errcode: -1, errmsg: 'system error' })).toMatchObject({ kind: 'retryable' });
    expect(classifyAnswer({ errcode: 10060001, errmsg: '支付单不存在' })).toEqual({
      kind: 'permanent',
      error: '10060001 支付单不存在',
    });
    expect(classifyAnswer({ errcode: 10060014, errmsg: '参数错误' })).toMatchObject({ kind: 'permanent' });
    expect(classifyFailure(new Error('ETIMEDOUT'))).toEqual({
      kind: 'retryable',
      error: 'no answer: ETIMEDOUT',
    });
  });

  it('back off 1, 2, 4 … minutes, at most an hour', () => {
    expect([1, 2, 3, 6, 7, 8, 20].map((n) => backoffMs(n) / 60_000)).toEqual([1, 2, 4, 32, 60, 60, 60]);
  });

  it("make the order's sync state: pending while any is, failed if any failed, synced when all are", () => {
    expect(syncStateOf([])).toBe('not_required');
    expect(syncStateOf(['synced', 'pending', 'failed'])).toBe('pending');
    expect(syncStateOf(['synced', 'failed'])).toBe('failed');
    expect(syncStateOf(['synced', 'synced'])).toBe('synced');
  });
});

describe('item descriptions', () => {
  it('list title*quantity and stop at 120 characters, counting characters not UTF-16 units', () => {
    expect(
      itemDescription([
        { title: '真丝睡衣', quantity: 2 },
        { title: '眼罩', quantity: 1 },
      ]),
    ).toBe('真丝睡衣*2，眼罩*1');
    const long = itemDescription(Array.from({ length: 30 }, () => ({ title: '🧣羊绒围巾', quantity: 1 })));
    expect([...long]).toHaveLength(ITEM_DESC_MAX);
    expect(long.endsWith('…')).toBe(true);
    expect(
      checkUpload(upload({ shipping_list: [{ ...upload().shipping_list[0], item_desc: long } as never] })),
    ).toBe(undefined);
  });
});

describe('the platform simulator', () => {
  it('checks the request as the platform does', () => {
    expect(checkUpload(upload())).toBeUndefined();
    const codeOf = (request: ShippingInfoUpload) => checkUpload(request)?.errcode;
    expect(codeOf(upload({ order_key: { order_number_type: 2, transaction_id: '' } }))).toBe(268485195);
    expect(codeOf(upload({ delivery_mode: 2 }))).toBe(10060007);
    expect(codeOf(upload({ upload_time: '2026-03-02 10:15' }))).toBe(268485216);
    const entry = upload().shipping_list[0] as ShippingInfoUpload['shipping_list'][number];
    expect(codeOf(upload({ shipping_list: [{ ...entry, item_desc: '' }] }))).toBe(10060008);
    expect(codeOf(upload({ shipping_list: [{ ...entry, item_desc: '字'.repeat(121) }] }))).toBe(10060009);
    expect(codeOf(upload({ shipping_list: [{ ...entry, express_company: 'DHL' as never }] }))).toBe(10060014);
    expect(codeOf(upload({ shipping_list: [{ ...entry, contact: undefined }] }))).toBe(10060014);
    expect(
      codeOf(upload({ shipping_list: [{ ...entry, express_company: 'ZTO', contact: undefined }] })),
    ).toBeUndefined();
    expect(codeOf(upload({ shipping_list: [] }))).toBe(10060014);
  });

  it('answers a repeat, or a parcel after the order was completed, "already shipped"', async () => {
    const simulator = createWechatSimulator();
    expect((await simulator.upload(upload())).errcode).toBe(0);
    expect((await simulator.upload(upload())).errcode).toBe(10060002);
    expect((await simulator.upload(upload({}, 'SF1234567890999'))).errcode).toBe(10060002);

    const split = (trackingNo: string, last: boolean) =>
      upload(
        {
          order_key: { order_number_type: 2, transaction_id: 'T-split' },
          delivery_mode: 2,
          is_all_delivered: last,
        },
        trackingNo,
      );
    expect((await simulator.upload(split('SF1000000000001', false))).errcode).toBe(0);
    expect((await simulator.upload(split('SF1000000000002', true))).errcode).toBe(0);
    expect((await simulator.upload(split('SF1000000000002', true))).errcode).toBe(10060002);
    expect(simulator.accepted()).toEqual([
      '4200001858202306300646157659/SF1234567890123',
      'T-split/SF1000000000001',
      'T-split/SF1000000000002',
    ]);
  });

  it('fails at the rate it is given, by the random source it is given, and can refuse a transaction for good', async () => {
    const draws = [0.01, 0.2, 0.01, 0.7, 0.5];
    const slept: number[] = [];
    const simulator = createWechatSimulator({
      transientFailureRate: 0.05,
      latencyMs: 30,
      random: () => draws.shift() ?? 0.99,
      sleep: async (ms) => {
        slept.push(ms);
      },
    });
    // Busy, not taken.
    expect(await simulator.upload(upload())).toEqual({ errcode: -1, errmsg: 'system error' });
    expect(simulator.accepted()).toEqual([]);
    // Taken, but the answer is lost.
    await expect(simulator.upload(upload())).rejects.toThrow(/ETIMEDOUT/);
    expect(simulator.accepted()).toHaveLength(1);
    // No failure drawn: the retry is told it was shipped already.
    expect((await simulator.upload(upload())).errcode).toBe(10060002);
    expect(slept).toEqual([30, 30, 30]);

    simulator.failPermanently('T-gone');
    const gone = await simulator.upload(
      upload({ order_key: { order_number_type: 2, transaction_id: 'T-gone' } }),
    );
    expect(gone).toEqual({ errcode: 10060001, errmsg: '支付单不存在' });
  });
});
