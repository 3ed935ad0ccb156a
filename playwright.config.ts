import { defineConfig } from '@playwright/test';

// The e2e suite runs the production build against the simulator, exactly as `npm run demo` does:
// scripts/demo.ts starts both and stays up for the whole run. Specs share one simulated cluster, so
// each spec creates its own namespaces and objects and never assumes it runs alone.
const port = Number(process.env.E2E_PORT ?? 3107);

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    viewport: { width: 1280, height: 800 },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
    trace: 'retain-on-failure',
  },
  webServer: {
    // A fresh data directory each run: reports, audit entries and usage history of an earlier run (or an earlier
    // schema) never leak into this one.
    command: `node -e "require('fs').rmSync('.farview/e2e-data', { recursive: true, force: true })" && node scripts/demo.mjs --no-build --speed 20 --state-dir .farview/e2e`,
    // Usage is read every 5 s, and an hour of it (20 minutes of metrics-server's clock per real minute at
    // --speed 20) is enough history for a recommendation, so that e2e/usage.spec.ts sees one within the run.
    env: { PORT: String(port), FARVIEW_DATA_DIR: '.farview/e2e-data', FARVIEW_METRICS_POLL_SECONDS: '5', FARVIEW_RIGHTSIZE_MIN_HOURS: '1' },
    url: `http://127.0.0.1:${port}/api/health`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: 'pipe',
  },
});
