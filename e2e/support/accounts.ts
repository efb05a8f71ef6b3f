import { join } from 'node:path';
import type { Role } from '@siyu/shared';

/** The demo accounts `DEMO_SEED=true` creates (README "Two commands"). */
export const demoAccounts = [
  { role: 'admin', username: 'admin', password: 'admin-demo-1' },
  { role: 'operator', username: 'operator', password: 'operator-demo-1' },
  { role: 'customer_service', username: 'cs', password: 'cs-demo-1' },
  { role: 'manager', username: 'manager', password: 'manager-demo-1' },
] as const satisfies readonly { role: Role; username: string; password: string }[];

export type DemoAccount = (typeof demoAccounts)[number];

/** One logged-in browser state per role, written by global-setup.ts (gitignored). */
export function storageStateOf(role: Role): string {
  return join(import.meta.dirname, '..', '.auth', `${role}.json`);
}
