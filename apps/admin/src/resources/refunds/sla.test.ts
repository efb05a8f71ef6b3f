import { describe, expect, it } from 'vitest';
import zhCN from '../../i18n/zh-CN';
import { countdownKey, DAY, durationLabel, HOUR, MINUTE, slaCountdown } from './sla';

const now = Date.parse('2026-03-01T08:00:00Z');
const at = (offset: number) => new Date(now + offset).toISOString();

const exists = (key: string) =>
  typeof key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], zhCN) ===
  'string';

describe('SLA countdown', () => {
  it('has no countdown without a deadline', () => {
    expect(slaCountdown(null, now)).toBeNull();
    expect(slaCountdown(undefined, now)).toBeNull();
    expect(slaCountdown('not a date', now)).toBeNull();
  });

  it('counts down hours and minutes, rounding down', () => {
    const c = slaCountdown(at(5 * HOUR + 12 * MINUTE + 59_000), now);
    expect(c?.state).toBe('on_time');
    expect(c?.duration).toEqual({ key: 'resources.refunds.sla.hours_minutes', values: { h: 5, m: 12 } });
  });

  it('highlights a deadline within the due-soon hours', () => {
    expect(slaCountdown(at(4 * HOUR), now)?.state).toBe('due_soon');
    expect(slaCountdown(at(4 * HOUR + MINUTE), now)?.state).toBe('on_time');
    expect(slaCountdown(at(30 * MINUTE), now)?.duration).toEqual({
      key: 'resources.refunds.sla.minutes',
      values: { m: 30 },
    });
    expect(slaCountdown(at(3 * HOUR), now, 2)?.state).toBe('on_time');
  });

  it('is overdue from the deadline on, counting the time since', () => {
    expect(slaCountdown(at(0), now)?.state).toBe('overdue');
    const c = slaCountdown(at(-(2 * HOUR + 5 * MINUTE)), now);
    expect(c).toEqual({
      state: 'overdue',
      duration: { key: 'resources.refunds.sla.hours_minutes', values: { h: 2, m: 5 } },
    });
  });

  it('uses days once a day or more is left or passed', () => {
    expect(durationLabel(DAY + 3 * HOUR + 40 * MINUTE)).toEqual({
      key: 'resources.refunds.sla.days_hours',
      values: { d: 1, h: 3 },
    });
    expect(durationLabel(-(3 * DAY))).toEqual({
      key: 'resources.refunds.sla.days_hours',
      values: { d: 3, h: 0 },
    });
    expect(durationLabel(59_000).key).toBe('resources.refunds.sla.under_a_minute');
  });

  it('has a text for every key it uses', () => {
    for (const key of [
      countdownKey('overdue'),
      countdownKey('due_soon'),
      durationLabel(DAY).key,
      durationLabel(HOUR).key,
      durationLabel(MINUTE).key,
      durationLabel(0).key,
    ])
      expect(exists(key), key).toBe(true);
  });
});
