/** Each role logs in through the login page and sees exactly the menu its permissions allow. */

import { demoAccounts } from '../support/accounts';
import { expect, test } from '../support/test';
import { expectedMenu, logInThroughForm, notification, sidebarItems } from '../support/ui';
import { t } from '../support/zh';

for (const account of demoAccounts) {
  test(`${account.role} logs in and sees exactly its menu`, async ({ page }) => {
    await logInThroughForm(page, account.username, account.password);

    await expect(page).not.toHaveURL(/#\/login/);
    await expect(page.getByTestId('current-role')).toHaveText(t(`siyu.roles.${account.role}`));
    await expect(sidebarItems(page)).toHaveText(expectedMenu(account.role));
    // The console speaks Chinese by default.
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  });
}

test('admin menu has the dashboard, staff users, settings and the audit log', async () => {
  // The derived expectation itself, against DESIGN.md's table, so a wrong matrix cannot hide.
  expect(new Set(expectedMenu('admin'))).toEqual(
    new Set([
      t('ra.page.dashboard'),
      t('resources.staff-users.name'),
      t('resources.settings.name'),
      t('resources.audit-logs.name'),
    ]),
  );
  expect(new Set(expectedMenu('manager'))).toEqual(
    new Set([t('ra.page.dashboard'), t('resources.audit-logs.name')]),
  );
});

test('a wrong password shows a clear error and stays on the login page', async ({ page }, testInfo) => {
  await logInThroughForm(page, 'cs', 'not-the-password');

  await expect(notification(page, t('siyu.auth.invalid_credentials'))).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('wrong-password.png') });
  await expect(page).toHaveURL(/#\/login/);
  await expect(page.getByRole('button', { name: t('ra.auth.sign_in') })).toBeVisible();
  await expect(sidebarItems(page)).toHaveCount(0);
});

test('an unknown user gets the same message as a wrong password', async ({ page }) => {
  await logInThroughForm(page, 'nobody-here', 'whatever-password');
  await expect(notification(page, t('siyu.auth.invalid_credentials'))).toBeVisible();
  await expect(page).toHaveURL(/#\/login/);
});
