/**
 * Order numbers: the shop's local date and 12 random digits, e.g. 20260512048213377519. Readable
 * on the phone, sortable by day, and not guessable from another order's number (a buyer's
 * query also needs their openid). The unique index settles the one-in-10^12 collision.
 */
import { randomInt } from 'node:crypto';

const RANDOM_DIGITS = 12;

/** One formatter per time zone: building an Intl.DateTimeFormat per order is measurably slow. */
const dayFormats = new Map<string, Intl.DateTimeFormat>();
const dayFormat = (timeZone: string) => {
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    dayFormats.set(timeZone, format);
  }
  return format;
};

export function newOrderNo(at: Date, timeZone: string): string {
  const day = dayFormat(timeZone).format(at).replaceAll('-', '');
  const random = String(randomInt(0, 10 ** RANDOM_DIGITS)).padStart(RANDOM_DIGITS, '0');
  return `${day}${random}`;
}
