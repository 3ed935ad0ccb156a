import { expect, test } from '@playwright/test';
import { expectAccessible } from './a11y';
import { ClusterPage, CONTEXT } from './pages/cluster-page';

// Every screen reached with the mouse alone, from the cluster screens: the page tabs, the header's cost, the footer's
// key hints (buttons doing what their keys do), Back in a detail, New profile on the profiles list.
test.describe('the mouse reaches every screen', () => {
  test('page tabs and the header lead to Cost, What-if, Reports and Audit', async ({ page }) => {
    const c = new ClusterPage(page);
    await c.open('view=pods');
    const nav = page.getByRole('navigation', { name: 'Screens' });
    for (const [tab, url, heading] of [
      ['Cost', `/c/${CONTEXT}/cost`, /Cost/],
      ['What-if', `/c/${CONTEXT}/whatif`, /What if I deploy this\?/],
      ['Reports', '/reports', /Shared reports/],
      ['Audit', `/c/${CONTEXT}/audit`, /Audit/],
    ] as const) {
      await nav.getByRole('link', { name: new RegExp(`^${tab}`) }).click();
      await expect(page).toHaveURL(new RegExp(`${url.replace(/[/?]/g, '\\$&')}$`));
      await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
      await page.goBack();
      await c.waitLive();
    }
    // The header's $/h opens the cost view.
    await c.header().getByRole('link', { name: /\/h$/ }).click();
    await expect(page).toHaveURL(new RegExp(`/c/${CONTEXT}/cost$`));
  });

  test('footer hints are buttons: help, wide, and Back from a detail', async ({ page }) => {
    const c = new ClusterPage(page);
    await c.open('view=pods');
    await c.footer().getByRole('button', { name: '<?> help' }).click();
    await expect(c.help()).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(c.help()).toBeHidden();
    await c.footer().getByRole('button', { name: '<w> wide' }).click();
    await expect.poll(() => c.param('wide')).toBe('1');
    // Double-click opens a row, as the footer says; the detail's Back button returns to the list.
    await c.rows().first().dblclick();
    await expect(c.detail('pod')).toBeVisible();
    await c.detail('pod').getByRole('button', { name: '<esc> back' }).click();
    await expect(c.detail('pod')).toBeHidden();
    await expect(c.rows().first()).toBeVisible();
    // Sorting from the footer says where the mouse sorts.
    await c.footer().getByRole('button', { name: /sort$/ }).click();
    await expect(c.toast()).toContainText('click a column header to sort by it');
    await expectAccessible(page, 'pods with the footer buttons');
  });

  test('the profiles list has a New profile button, and so does the footer', async ({ page }) => {
    const c = new ClusterPage(page);
    await c.open('view=profiles');
    await expect(c.footer().getByRole('button', { name: '<n> new profile' })).toBeVisible();
    await page.getByRole('button', { name: 'New profile', exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/c/${CONTEXT}/profiles/new$`));
    await expect(page.locator('#fp-title')).toBeVisible();
    // The page's own footer is buttons too: ? opens its help.
    await page.getByTestId('key-footer').getByRole('button', { name: '<?> help' }).click();
    await expect(page.getByRole('dialog')).toBeVisible();
  });
});
