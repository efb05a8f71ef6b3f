/**
 * The queue's SLA countdown (剩余 3 小时 12 分 / 已超时 2 小时): how long until — or since — the
 * deadline by which customer service must act. Minutes are enough: nobody acts on seconds.
 */
import { DUE_SOON_HOURS } from '@siyu/shared';

export type SlaState = 'overdue' | 'due_soon' | 'on_time';

export type Countdown = {
  state: SlaState;
  /** The i18n key and values of the duration ("3 小时 12 分"). */
  duration: { key: string; values: Record<string, number> };
};

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const key = (name: string) => `resources.refunds.sla.${name}`;

/** A duration in the largest two units that matter: days and hours, hours and minutes, or minutes. */
export function durationLabel(ms: number): Countdown['duration'] {
  const minutes = Math.floor(Math.abs(ms) / MINUTE);
  if (minutes < 1) return { key: key('under_a_minute'), values: {} };
  const d = Math.floor(minutes / (24 * 60));
  const h = Math.floor((minutes % (24 * 60)) / 60);
  const m = minutes % 60;
  if (d > 0) return { key: key('days_hours'), values: { d, h } };
  if (h > 0) return { key: key('hours_minutes'), values: { h, m } };
  return { key: key('minutes'), values: { m } };
}

/** null when the case waits on nobody in customer service (no deadline). */
export function slaCountdown(
  dueAt: string | null | undefined,
  now: number,
  dueSoonHours: number = DUE_SOON_HOURS,
): Countdown | null {
  if (!dueAt) return null;
  const due = Date.parse(dueAt);
  if (!Number.isFinite(due)) return null;
  const left = due - now;
  const state: SlaState = left <= 0 ? 'overdue' : left <= dueSoonHours * HOUR ? 'due_soon' : 'on_time';
  return { state, duration: durationLabel(left) };
}

/** The key of the whole sentence: "剩余 %{time}" or "已超时 %{time}". */
export const countdownKey = (state: SlaState) => key(state === 'overdue' ? 'overdue' : 'left');

export { DAY, HOUR, MINUTE };
