/**
 * Optimistic locking end to end: two tabs edit the shop settings; the first save wins, the
 * second gets the 409 message and keeps what was typed.
 */

import { storageStateOf } from '../support/accounts';
import { expect, test } from '../support/test';
import { notification } from '../support/ui';
import { t } from '../support/zh';

test.use({ storageState: storageStateOf('admin') });

test('the second of two concurrent edits gets a conflict and keeps its typed value', async ({
  context,
}, testInfo) => {
  const first = await context.newPage();
  const second = await context.newPage();
  const shopName = t('resources.settings.fields.shopName');
  // Unique per run, so a re-run against the same database still changes the value.
  const run = Date.now().toString(36).slice(-5);
  const firstName = `第一个标签页的店名 ${run}`;
  const secondName = `第二个标签页的店名 ${run}`;

  for (const page of [first, second]) {
    await page.goto('/#/settings');
    await expect(page).toHaveURL(/#\/settings\/shop/);
    await expect(page.getByRole('textbox', { name: shopName })).not.toHaveValue('');
  }

  await first.getByRole('textbox', { name: shopName }).fill(firstName);
  await second.getByRole('textbox', { name: shopName }).fill(secondName);

  await first.getByRole('button', { name: t('ra.action.save') }).click();
  await expect(notification(first, t('resources.settings.messages.saved'))).toBeVisible();

  const conflict = second.waitForResponse(
    (response) => response.url().includes('/api/settings/') && response.request().method() === 'PATCH',
  );
  await second.getByRole('button', { name: t('ra.action.save') }).click();
  expect((await conflict).status()).toBe(409);
  await expect(notification(second, t('siyu.errors.VERSION_CONFLICT'))).toBeVisible();
  await expect(second.getByRole('textbox', { name: shopName })).toHaveValue(secondName);
  await second.screenshot({ path: testInfo.outputPath('conflict.png') });

  // The first save is what the server kept.
  await first.reload();
  await expect(first.getByRole('textbox', { name: shopName })).toHaveValue(firstName);
});
