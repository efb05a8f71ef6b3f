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

test('the derived menus match the roles table of DESIGN.md', async () => {
  // The derived expectation itself, against DESIGN.md's table, so a wrong matrix cannot hide.
  const catalog = [
    t('resources.products.name'),
    t('resources.categories.name'),
    t('resources.inventory-movements.name'),
    // Every role reads shipping templates (operators and admins manage them).
    t('resources.shipping-templates.name'),
  ];
  // Every role reads members (masked); only admins manage the storefront channels.
  const members = t('resources.members.name');
  const dashboard = t('ra.page.dashboard');
  // Every role reads orders (the order desk; addresses and phones masked).
  const orders = t('resources.orders.name');
  // Every role reads the after-sales queue (CS and admins work it).
  const refunds = t('resources.refunds.name');
  const expected = {
    admin: [
      dashboard,
      orders,
      refunds,
      ...catalog,
      members,
      t('resources.channels.name'),
      t('resources.staff-users.name'),
      t('resources.settings.name'),
      t('resources.audit-logs.name'),
    ],
    operator: [dashboard, orders, refunds, ...catalog, members],
    // CS has no dashboards in the table; the welcome page is everyone's landing page.
    customer_service: [dashboard, orders, refunds, ...catalog, members],
    manager: [dashboard, orders, refunds, ...catalog, members, t('resources.audit-logs.name')],
  } as const;
  for (const [role, items] of Object.entries(expected)) {
    expect(new Set(expectedMenu(role as keyof typeof expected)), role).toEqual(new Set(items));
  }
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
