import { caseEventKinds } from '@siyu/shared';
import { describe, expect, it } from 'vitest';
import zhCN from '../../i18n/zh-CN';
import {
  detailFields,
  eventActor,
  eventDetailParts,
  eventTitleKey,
  knownReasonCodes,
} from './timelineDetail';

const exists = (key: string) =>
  typeof key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], zhCN) ===
  'string';

describe('case timeline in words', () => {
  it('shows amounts as fen, reasons, carriers and received units', () => {
    expect(
      eventDetailParts({
        amount: 1990,
        refundLimit: 2990,
        reasonCode: 'quality',
        source: 'channel',
        carrier: 'SF',
        trackingNo: 'SF1234567890123',
        items: [
          { caseItemId: 1, sellable: 2, damaged: 1 },
          { caseItemId: 2, sellable: 1, damaged: 0 },
        ],
      }),
    ).toEqual([
      { field: 'amount', kind: 'money', fen: 1990 },
      { field: 'refundLimit', kind: 'money', fen: 2990 },
      { field: 'reasonCode', kind: 'reason', code: 'quality' },
      { field: 'source', kind: 'source', source: 'channel' },
      { field: 'carrier', kind: 'carrier', carrier: 'SF' },
      { field: 'items', kind: 'units', sellable: 3, damaged: 1 },
      { field: 'trackingNo', kind: 'text', text: 'SF1234567890123' },
    ]);
  });

  it('leaves out what it does not know and what is malformed', () => {
    expect(eventDetailParts({ secret: 'x', amount: '12.5', reason: '  ', source: 'hack' })).toEqual([]);
    expect(eventDetailParts(null)).toEqual([]);
  });

  it('shows a note body and a return address', () => {
    expect(
      eventDetailParts({
        body: '已电话联系买家',
        returnAddress: { name: '售后仓', phone: '1', address: '杭州' },
      }),
    ).toEqual([
      { field: 'returnAddress', kind: 'text', text: '售后仓 · 杭州' },
      { field: 'body', kind: 'text', text: '已电话联系买家' },
    ]);
  });

  it('reads what the refund and receipt steps write', () => {
    expect(
      eventDetailParts({
        outRefundNo: 'R123',
        gatewayRefundId: 'G9',
        restocked: [{ skuCode: 'A-1', quantity: 2 }],
        cancelledUnits: [
          { orderItemId: 1, units: 2 },
          { orderItemId: 2, units: 1 },
        ],
        reason: 'return_not_shipped',
        approvalLimit: 50000,
        afterFirstApproval: true,
      }),
    ).toEqual([
      { field: 'approvalLimit', kind: 'money', fen: 50000 },
      { field: 'restocked', kind: 'text', text: 'A-1 × 2' },
      { field: 'cancelledUnits', kind: 'count', units: 3 },
      { field: 'reason', kind: 'known_reason', code: 'return_not_shipped' },
      { field: 'outRefundNo', kind: 'text', text: 'R123' },
      { field: 'gatewayRefundId', kind: 'text', text: 'G9' },
    ]);
    for (const code of knownReasonCodes)
      expect(exists(`resources.refunds.timeline.reasons.${code}`)).toBe(true);
  });

  it('has a title for every event kind and a label for every field', () => {
    for (const kind of caseEventKinds) expect(exists(eventTitleKey(kind)), kind).toBe(true);
    expect(eventTitleKey('something_new')).toBe('resources.refunds.timeline.kinds.other');
    expect(exists(eventTitleKey('something_new'))).toBe(true);
    for (const field of detailFields)
      expect(exists(`resources.refunds.timeline.detail.${field}`), field).toBe(true);
  });

  it('names the actor', () => {
    expect(eventActor({ actorKind: 'staff', actorName: '小美' })).toEqual({
      key: 'resources.refunds.timeline.actors.staff',
      values: { name: '小美' },
    });
    for (const kind of ['customer', 'gateway', 'system'] as const)
      expect(exists(eventActor({ actorKind: kind, actorName: null }).key)).toBe(true);
    expect(exists(eventActor({ actorKind: 'customer', actorName: '买家' }).key)).toBe(true);
  });
});
