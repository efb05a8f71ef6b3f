/**
 * Logs each demo role in through the API once and keeps its session cookie as a storage state
 * (`e2e/.auth/<role>.json`), so specs that are not about logging in start logged in.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { request } from '@playwright/test';
import { demoAccounts, storageStateOf } from './support/accounts';
import { baseURL } from './support/env';

export default async function globalSetup(): Promise<void> {
  for (const account of demoAccounts) {
    const context = await request.newContext({ baseURL, extraHTTPHeaders: { Origin: baseURL } });
    try {
      const response = await context.post('/api/auth/login', {
        data: { username: account.username, password: account.password },
      });
      if (!response.ok()) {
        throw new Error(
          `login of demo account ${account.username} failed: HTTP ${response.status()} ${await response.text()}`,
        );
      }
      const body = (await response.json()) as { data?: { role?: string } };
      if (body.data?.role !== account.role) {
        throw new Error(
          `demo account ${account.username} has role ${body.data?.role}, expected ${account.role}`,
        );
      }
      const path = storageStateOf(account.role);
      mkdirSync(dirname(path), { recursive: true });
      await context.storageState({ path });
    } finally {
      await context.dispose();
    }
  }
}
