/** Staff accounts: an admin creates one who can then log in; a manager cannot see them. */

import { storageStateOf } from '../support/accounts';
import { expect, test } from '../support/test';
import { expectedMenu, logInThroughForm, sidebarItems } from '../support/ui';
import { t } from '../support/zh';

test.describe('as admin', () => {
  test.use({ storageState: storageStateOf('admin') });

  test('creates a staff user who then logs in', async ({ page, browser }) => {
    const username = `e2e-${Date.now().toString(36)}`;
    const password = 'e2e-password-123';
    const displayName = '测试客服';

    await page.goto('/#/staff-users');
    await page.getByRole('link', { name: t('ra.action.create') }).click();
    await expect(page).toHaveURL(/#\/staff-users\/create/);

    const usernameBox = page.getByRole('textbox', { name: t('resources.staff-users.fields.username') });
    const displayNameBox = page.getByRole('textbox', { name: t('resources.staff-users.fields.displayName') });
    // react-admin may re-initialise a create form once its access check settles; fill until the
    // typed values stay.
    await expect(async () => {
      await usernameBox.fill(username);
      await displayNameBox.fill(displayName);
      await page.getByRole('combobox', { name: t('resources.staff-users.fields.role') }).click();
      await page.getByRole('option', { name: t('siyu.roles.customer_service') }).click();
      await page.getByRole('textbox', { name: t('resources.staff-users.fields.phone') }).fill('13800001234');
      await page.getByRole('textbox', { name: t('resources.staff-users.fields.password') }).fill(password);
      await expect(usernameBox).toHaveValue(username, { timeout: 500 });
      await expect(displayNameBox).toHaveValue(displayName, { timeout: 500 });
    }).toPass({ timeout: 15_000 });
    await page.getByRole('button', { name: t('ra.action.save') }).click();

    // Back on the list, with the new account in it (phone masked).
    await expect(page).toHaveURL(/#\/staff-users(\?.*)?$/);
    const row = page.getByRole('row').filter({ hasText: username });
    await expect(row).toBeVisible();
    await expect(row).toContainText(displayName);
    await expect(row).toContainText(t('siyu.roles.customer_service'));
    await expect(row).toContainText('138****1234');

    // The new person logs in, in a browser of their own (not inheriting the admin's cookie).
    const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    try {
      const theirPage = await context.newPage();
      await logInThroughForm(theirPage, username, password);
      await expect(theirPage.getByTestId('current-role')).toHaveText(t('siyu.roles.customer_service'));
      await expect(sidebarItems(theirPage)).toHaveText(expectedMenu('customer_service'));
    } finally {
      await context.close();
    }
  });

  test('a too-short password is refused inline before anything is saved', async ({ page }) => {
    await page.goto('/#/staff-users/create');
    await page
      .getByRole('textbox', { name: t('resources.staff-users.fields.username') })
      .fill(`short-${Date.now().toString(36)}`);
    await page.getByRole('textbox', { name: t('resources.staff-users.fields.displayName') }).fill('短密码');
    await page.getByRole('textbox', { name: t('resources.staff-users.fields.password') }).fill('123456789');
    await page.getByRole('button', { name: t('ra.action.save') }).click();
    await expect(
      page.getByText(t('resources.staff-users.validation.password_min', { min: 10 })),
    ).toBeVisible();
    await expect(page).toHaveURL(/#\/staff-users\/create/);
  });
});

test.describe('as manager', () => {
  test.use({ storageState: storageStateOf('manager') });

  test('cannot open the staff users screen', async ({ page }) => {
    const staffRequests: number[] = [];
    page.on('response', (response) => {
      if (new URL(response.url()).pathname.startsWith('/api/staff-users'))
        staffRequests.push(response.status());
    });

    await page.goto('/#/staff-users');
    await expect(page.getByRole('heading', { level: 1, name: t('siyu.forbidden.title') })).toBeVisible();
    await expect(page.getByText(t('siyu.forbidden.message'))).toBeVisible();
    await expect(page.getByRole('row')).toHaveCount(0);
    await expect(page.getByText('admin-demo', { exact: false })).toHaveCount(0);
    // Nothing was fetched, and the API refuses anyway.
    expect(staffRequests.filter((status) => status < 400)).toEqual([]);
    const direct = await page.request.get('/api/staff-users?page=1&perPage=25');
    expect(direct.status()).toBe(403);
  });
});
