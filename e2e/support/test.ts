/**
 * Playwright's `test` with one addition for every test: an uncaught error in any page of the
 * test's context fails it, and when a test fails the browser console's errors are attached to
 * the report (react-admin catches render errors in its error page, "出错了", so the cause is
 * otherwise invisible).
 */
import { test as base, expect } from '@playwright/test';

export const test = base.extend<{ pageErrors: undefined }>({
  pageErrors: [
    async ({ context }, use, testInfo) => {
      const uncaught: string[] = [];
      const consoleErrors: string[] = [];
      context.on('weberror', (webError) => {
        const error = webError.error();
        uncaught.push(`${webError.page()?.url() ?? '?'}: ${error.stack ?? error.message}`);
      });
      context.on('console', (message) => {
        if (message.type() === 'error')
          consoleErrors.push(`${message.page()?.url() ?? '?'}: ${message.text()}`);
      });
      await use(undefined);
      if (testInfo.status !== testInfo.expectedStatus && consoleErrors.length > 0) {
        await testInfo.attach('browser console errors', {
          body: consoleErrors.join('\n\n'),
          contentType: 'text/plain',
        });
      }
      expect(uncaught, 'uncaught errors in the page').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
