import { expect, type Locator, type Page } from '@playwright/test';
import path from 'node:path';

const SCREENSHOTS = path.join(__dirname, '..', 'screenshots');

/** The cost view of one context: its table rows by group key and the exact dollar figures they carry. */
export class CostPage {
  /** `base`: the server's address when it is not the one the config starts (a second demo). */
  constructor(
    readonly page: Page,
    readonly context = 'eksworkshop',
    readonly base = '',
  ) {}

  async open(query = ''): Promise<void> {
    await this.page.goto(`${this.base}/c/${this.context}/cost${query ? `?${query}` : ''}`);
    await expect(this.page.getByTestId('cost-table')).toBeVisible({ timeout: 30_000 });
    await expect(this.page.getByTestId('freshness')).toHaveText(/live/, { timeout: 30_000 });
  }

  rows(): Locator {
    return this.page.getByTestId('cost-row');
  }

  row(key: string): Locator {
    return this.page.locator(`[data-testid="cost-row"][data-key="${key}"]`);
  }

  total(): Locator {
    return this.page.getByTestId('cost-total');
  }

  /** The exact $/hour of a row (data-usd of its hourly cell). */
  async hourly(row: Locator): Promise<number> {
    return Number(await row.getByTestId('hourly').getAttribute('data-usd'));
  }

  /** The exact $/hour of every row, in order. */
  async allHourly(): Promise<number[]> {
    return this.rows().evaluateAll((rows) => rows.map((r) => Number(r.querySelector('[data-testid="hourly"]')?.getAttribute('data-usd'))));
  }

  /** The whole view: the page scrolls inside the screen-high layout, so the viewport is made tall for the shot. */
  async screenshot(name: string): Promise<void> {
    const size = this.page.viewportSize();
    await this.page.setViewportSize({ width: 1280, height: 1500 });
    await this.page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
    if (size) await this.page.setViewportSize(size);
  }
}
