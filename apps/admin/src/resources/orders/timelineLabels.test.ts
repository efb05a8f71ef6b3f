import type { OrderTimelineEntry } from '@siyu/shared';
import { describe, expect, it } from 'vitest';
import zhCN from '../../i18n/zh-CN';
import { mergeMilestones, timelineActor, timelineTitle } from './timelineLabels';

const entry = (over: Partial<OrderTimelineEntry>): OrderTimelineEntry => ({
  at: '2026-01-01T00:00:00Z',
  event: 'audit',
  action: null,
  actorName: null,
  status: null,
  ...over,
});

const exists = (key: string) =>
  typeof key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], zhCN) ===
  'string';

describe('order timeline labels', () => {
  it('names every audit action the order services write, with a text in the messages', () => {
    for (const action of [
      'create',
      'ship',
      'edit_address',
      'note',
      'reveal',
      'confirm_receipt',
      'auto_confirm',
      'report_shipment',
      'retry_reports',
      'forbidden',
      'something_new',
    ]) {
      const { key } = timelineTitle(entry({ action }));
      expect(exists(key), key).toBe(true);
    }
    expect(timelineTitle(entry({ action: 'something_new' })).key).toBe(
      'resources.orders.timeline.actions.other',
    );
  });

  it('names a generic update by what it did: payment, cancellation by the buyer or by the timeout', () => {
    expect(timelineTitle(entry({ action: 'update', status: 'paid' })).key).toMatch(/actions\.pay$/);
    expect(
      timelineTitle(entry({ action: 'update', status: 'cancelled', actorName: 'channel:x' })).key,
    ).toMatch(/actions\.cancel$/);
    expect(timelineTitle(entry({ action: 'update', status: 'cancelled', actorName: 'system' })).key).toMatch(
      /actions\.auto_close$/,
    );
    expect(timelineTitle(entry({ action: 'update', status: 'closed' }))).toEqual({
      key: 'resources.orders.timeline.status_change',
      status: 'closed',
    });
    expect(timelineTitle(entry({ event: 'paid' })).key).toBe('resources.orders.timeline.paid');
  });

  it('says who acted in words', () => {
    expect(timelineActor('system')?.key).toBe('resources.orders.timeline.actors.system');
    expect(timelineActor('channel:demo-miniapp')).toEqual({
      key: 'resources.orders.timeline.actors.channel',
      values: { key: 'demo-miniapp' },
    });
    expect(timelineActor('小王')).toEqual({ key: '', values: { name: '小王' } });
    expect(timelineActor(null)).toBeNull();
  });
});

describe('order timeline steps', () => {
  it('merges a milestone with the audit row that records it, keeping who did it', () => {
    const at = '2026-01-01T00:00:00.000Z';
    const merged = mergeMilestones([
      entry({ event: 'created', at }),
      entry({ action: 'create', actorName: 'channel:demo', status: 'pending_payment', at }),
      entry({ event: 'paid', at: '2026-01-01T00:05:00Z' }),
      entry({ action: 'update', actorName: 'channel:demo', status: 'paid', at: '2026-01-01T00:05:00Z' }),
      entry({ action: 'ship', actorName: '小王', status: 'partially_shipped', at: '2026-01-02T00:00:00Z' }),
      entry({ action: 'note', actorName: '小王', at: '2026-01-02T00:00:01Z' }),
      entry({ event: 'shipped', at: '2026-01-03T00:00:00Z' }),
      entry({ action: 'ship', actorName: '小李', status: 'shipped', at: '2026-01-03T00:00:00.400Z' }),
    ]);
    expect(merged.map((e) => [e.event, e.action, e.actorName])).toEqual([
      ['created', null, 'channel:demo'],
      ['paid', null, 'channel:demo'],
      ['audit', 'ship', '小王'],
      ['audit', 'note', '小王'],
      ['shipped', null, '小李'],
    ]);
  });

  it('keeps a milestone alone when no audit row records it, and audit rows of other moments', () => {
    const lone = [
      entry({ event: 'paid', at: '2026-01-01T00:00:00Z' }),
      entry({ action: 'update', status: 'paid', at: '2026-01-01T01:00:00Z' }),
    ];
    expect(mergeMilestones(lone)).toEqual(lone);
  });
});
