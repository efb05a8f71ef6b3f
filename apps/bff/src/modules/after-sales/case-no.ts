/**
 * Case numbers: 'AS', the shop's local date and 12 random digits (AS20260512048213377519), made
 * like order numbers so CS can tell the day at a glance; the unique index settles a collision.
 */
import { newOrderNo } from '../orders/order-no.js';

export function newCaseNo(at: Date, timeZone: string): string {
  return `AS${newOrderNo(at, timeZone)}`;
}
