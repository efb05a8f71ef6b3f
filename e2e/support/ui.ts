import { expect, type Page } from '@playwright/test';
import { canAccess, type Role } from '@siyu/shared';
import { spaResources, t } from './zh';

/** The sidebar menu's items (react-admin's <Menu>, the first `menu` on the page; the user menu pops up later in the DOM). */
export const sidebarItems = (page: Page) => page.getByRole('menu').first().getByRole('menuitem');

/**
 * What a role should find in the menu: the dashboard, then every resource the console
 * registers whose list the shared permission matrix lets the role read.
 */
export function expectedMenu(role: Role): string[] {
  const resources = spaResources().filter((resource) => canAccess(role, resource, 'list'));
  return [t('ra.page.dashboard'), ...resources.map((resource) => t(`resources.${resource}.name`))];
}

/** Logs in through the login page (the form react-admin renders at #/login). */
export async function logInThroughForm(page: Page, username: string, password: string): Promise<void> {
  await page.goto('/');
  await expect(page).toHaveURL(/#\/login/);
  await page.getByRole('textbox', { name: t('ra.auth.username') }).fill(username);
  await page.getByRole('textbox', { name: t('ra.auth.password') }).fill(password);
  await page.getByRole('button', { name: t('ra.auth.sign_in') }).click();
}

/** react-admin's notification (snackbar) with the given text. */
export const notification = (page: Page, text: string) =>
  page.locator('.MuiSnackbar-root, [role="alert"]').filter({ hasText: text }).first();
