import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import path from 'node:path';

/** The calculator screen: its inputs by their labels, its results by test id. */
class CalculatorPage {
  constructor(readonly page: Page) {}

  cpu = () => this.page.getByLabel('CPU request');
  memory = () => this.page.getByLabel('Memory request');
  region = () => this.page.getByLabel('Region');
  result = (id: 'request' | 'needs' | 'size' | 'capacity-provisioned' | 'hourly' | 'monthly' | 'headroom' | 'next-smaller') =>
    this.page.getByTestId(id);

  async open(query = '') {
    await this.page.goto(`/calculator${query}`);
    await expect(this.page.getByRole('heading', { name: 'Fargate size calculator' })).toBeVisible();
  }

  async size(cpu: string, memory: string, region: string) {
    await this.cpu().fill(cpu);
    await this.memory().fill(memory);
    await this.region().selectOption(region);
  }
}

test.describe('size calculator', () => {
  test('1 CPU / 1750M in ap-southeast-1 is 1vCPU 2GB at $0.06162 an hour', async ({ page }) => {
    const calc = new CalculatorPage(page);
    await calc.open();
    await calc.size('1', '1750M', 'ap-southeast-1');

    // 1750M = 1750000000 bytes = 1668.9 MiB; + 256 MiB = 1924.9 MiB ≤ 2048 MiB, and 1 vCPU's smallest size is 2 GB.
    await expect(calc.result('capacity-provisioned')).toHaveText('1vCPU 2GB');
    await expect(calc.result('size')).toHaveText('1 vCPU, 2 GB');
    // ap-southeast-1: $0.05056 per vCPU-hour, $0.00553 per GB-hour → 1 × 0.05056 + 2 × 0.00553 = 0.05056 + 0.01106 = $0.06162/h
    await expect(calc.result('hourly')).toHaveText('$0.06162');
    // × 730 h = $44.9826 → $44.98
    await expect(calc.result('monthly')).toHaveText('$44.98');
    // 2048 MiB − 1924.9 MiB = 123.1 MiB free; CPU exactly used
    await expect(calc.result('headroom')).toContainText('0 vCPU / 123.1Mi');
    // 0.5vCPU 2GB costs 0.02528 + 0.01106 = 0.03634/h: (0.06162 − 0.03634) × 730 = $18.45/month, for 500m less CPU
    await expect(calc.result('next-smaller')).toContainText('0.5vCPU 2GB if the request drops CPU by 500m: saves $18.45/month');

    // The URL carries the calculation, so the link can be shared.
    await expect(page).toHaveURL(/[?&]cpu=1(&|$)/);
    await expect(page).toHaveURL(/[?&]memory=1750M(&|$)/);
    await expect(page).toHaveURL(/[?&]region=ap-southeast-1(&|$)/);

    await page.screenshot({ path: path.join(__dirname, 'screenshots', 'calculator.png'), fullPage: true });

    const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  });

  test('a shared link opens the same calculation', async ({ page }) => {
    const calc = new CalculatorPage(page);
    await calc.open('?cpu=1&memory=8Gi&region=ap-northeast-1');
    await expect(calc.cpu()).toHaveValue('1');
    await expect(calc.memory()).toHaveValue('8Gi');
    await expect(calc.region()).toHaveValue('ap-northeast-1');
    // The EKS guide's example: 1 vCPU + 8 GiB + 256 MiB needs 2 vCPU / 9 GB; ap-northeast-1: 2 × 0.05056 + 9 × 0.00553 = 0.10112 + 0.04977 = $0.15089/h
    await expect(calc.result('capacity-provisioned')).toHaveText('2vCPU 9GB');
    await expect(calc.result('hourly')).toHaveText('$0.15089');
  });

  test('an invalid quantity shows the parser’s message next to the field', async ({ page }) => {
    const calc = new CalculatorPage(page);
    await calc.open();
    await calc.memory().fill('1.5GB');
    const alert = page.getByTestId('memory-error');
    await expect(alert).toContainText('"1.5GB" is not a valid quantity: unknown suffix');
    await expect(calc.memory()).toHaveAttribute('aria-invalid', 'true');
    await expect(calc.result('capacity-provisioned')).toHaveCount(0);

    await calc.memory().fill('1.5Gi');
    await expect(alert).toHaveCount(0);
    await expect(calc.result('capacity-provisioned')).toBeVisible();
  });

  test('a request too large for Fargate says so in AWS’s words', async ({ page }) => {
    const calc = new CalculatorPage(page);
    await calc.open();
    await calc.size('17', '1Gi', 'us-east-1');
    await expect(calc.result('capacity-provisioned')).toContainText('POD_CPU_MEM_EXCEEDS_MAX_FARGATE_SIZE');
    await expect(calc.result('hourly')).toHaveText('—');
  });
});
