import { expect, type Locator, type Page } from '@playwright/test';
import path from 'node:path';

export const CONTEXT = 'eksworkshop';
const SCREENSHOTS = path.join(__dirname, '..', 'screenshots');

/** The cluster screens of one context: the live grid, its header, the detail panels and the overlays. */
export class ClusterPage {
  constructor(readonly page: Page) {}

  /** Open the cluster screens with a query string (e.g. "view=services&ns=test3-mixed") and wait until live with rows. */
  async open(query = 'view=pods'): Promise<void> {
    await this.page.goto(`/c/${CONTEXT}?${query}`);
    await this.waitLive();
  }

  async waitLive(): Promise<void> {
    await expect(this.freshness()).toHaveText(/live/, { timeout: 30_000 });
  }

  freshness(): Locator {
    return this.page.getByTestId('freshness');
  }

  header(): Locator {
    return this.page.getByRole('banner');
  }

  grid(): Locator {
    return this.page.getByRole('grid');
  }

  /** Data rows (the header row has aria-rowindex 1). */
  rows(): Locator {
    return this.grid().locator('[role="row"]:not([aria-rowindex="1"])');
  }

  /** The data row whose cells contain `text`. */
  row(text: string | RegExp): Locator {
    return this.rows().filter({ hasText: text });
  }

  selectedRow(): Locator {
    return this.grid().locator('[role="row"][aria-selected="true"]');
  }

  /** The column header with exactly this name (the sort arrow and an appended sort letter are ignored). */
  columnHeader(name: string): Locator {
    const escaped = name.replace(/[$/()]/g, '\\$&');
    return this.grid().getByRole('columnheader').filter({ hasText: new RegExp(`^${escaped}[↑↓]?(·[a-z])?[↑↓]?$`) });
  }

  /** The cell of `row` under the column headed `column`. */
  async cell(row: Locator, column: string): Promise<Locator> {
    const headers = await this.grid().getByRole('columnheader').allInnerTexts();
    const index = headers.findIndex((h) => h.replace(/[↑↓]|·[a-z]$/g, '').trim() === column);
    if (index === -1) throw new Error(`no column ${column} in ${headers.join(', ')}`);
    return row.getByRole('gridcell').nth(index);
  }

  title(): Locator {
    return this.page.getByTestId('list-title');
  }

  filterInput(): Locator {
    return this.page.getByRole('searchbox', { name: /Filter/ });
  }

  detail(kind: 'pod' | 'node' | 'service' | 'profile' | 'nodepool'): Locator {
    return this.page.getByTestId(`${kind}-detail`);
  }

  yaml(): Locator {
    return this.page.getByTestId('yaml-panel');
  }

  help(): Locator {
    return this.page.getByRole('dialog', { name: 'Keys' });
  }

  commandBar(): Locator {
    return this.page.getByRole('dialog', { name: 'Command' });
  }

  filterError(): Locator {
    return this.page.locator('#filter-error');
  }

  toast(): Locator {
    return this.page.getByTestId('toast');
  }

  footer(): Locator {
    return this.page.getByRole('contentinfo');
  }

  /** Press keys one after another on the page (focus on the grid, not in a field). */
  async keys(...keys: string[]): Promise<void> {
    for (const k of keys) await this.page.keyboard.press(k);
  }

  /** Run a `:` command. */
  async command(text: string): Promise<void> {
    await this.page.keyboard.press(':');
    await expect(this.commandBar()).toBeVisible();
    await this.page.keyboard.type(text);
    await this.page.keyboard.press('Enter');
    await expect(this.commandBar()).toBeHidden();
  }

  /** Type a `/` filter and hand focus back to the list. */
  async filter(text: string): Promise<void> {
    await this.page.keyboard.press('/');
    await expect(this.filterInput()).toBeFocused();
    await this.filterInput().fill(text);
    await this.page.keyboard.press('Enter');
  }

  param(name: string): string | null {
    return new URL(this.page.url()).searchParams.get(name);
  }

  async screenshot(name: string): Promise<void> {
    await this.page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
  }
}
