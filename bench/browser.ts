/** Chromium measurements of the pods screen, through Playwright, with times taken inside the page. */
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { PAGE_PROBE } from './page-probe';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const VIEWPORT = { width: 1280, height: 1000 };

/** Headless Chromium (the system's), with the flags this machine needs. */
export function launchBrowser(timeoutMs = 60_000): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true, timeout: timeoutMs });
}

/** A fresh context (no cache, no storage) with the probe installed. */
export async function freshPage(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  await context.addInitScript({ content: PAGE_PROBE });
  const page = await context.newPage();
  return { context, page };
}

export interface FirstRows {
  /** Navigation start → first data rows painted. */
  ms: number;
  /** Navigation start → the live stream opened / its snapshot arrived; the snapshot's length in characters. */
  streamOpenMs: number | null;
  snapshotMs: number | null;
  snapshotChars: number;
  domContentLoadedMs: number | null;
}

async function probe<T>(page: Page, expr: string): Promise<T> {
  return (await page.evaluate(expr)) as T;
}

/** Waits until the new document has the probe (init scripts run when the document is created). */
export async function probeInstalled(page: Page, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const ok = await page.evaluate('typeof window.__bench === "object"').catch(() => false);
    if (ok === true) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('the page never ran the benchmark probe');
}

/** Waits in the page for a probe condition (firstRows, count N, focus ID); throws `what` after `timeoutMs`. */
export async function until(page: Page, condition: 'firstRows' | 'count' | 'focus', arg: number | string | null, timeoutMs: number, what: string): Promise<void> {
  const ok = await probe<boolean>(page, `window.__bench.until(${JSON.stringify(condition)}, ${JSON.stringify(arg)}, ${timeoutMs})`);
  if (!ok) throw new Error(`${what} (waited ${Math.round(timeoutMs / 1000)} s)`);
}

/** Like until, but a timeout is an answer (false) rather than an error. */
export async function holdsWithin(page: Page, condition: 'count', arg: number, timeoutMs: number): Promise<boolean> {
  return probe<boolean>(page, `window.__bench.until(${JSON.stringify(condition)}, ${JSON.stringify(arg)}, ${timeoutMs})`);
}

/** Loads `url` in a fresh context and waits for the first data rows to be painted. */
export async function firstRows(browser: Browser, url: string, timeoutMs: number, tracePath: string | null = null): Promise<FirstRows> {
  const { context, page } = await freshPage(browser);
  try {
    if (tracePath) await browser.startTracing(page, { path: tracePath, screenshots: false });
    await page.goto(url, { waitUntil: 'commit', timeout: timeoutMs });
    await probeInstalled(page, timeoutMs);
    await until(page, 'firstRows', null, timeoutMs, `no rows appeared at ${url}`);
    const r = await probe<{ firstRows: number; esOpenAt: number | null; snapshotAt: number | null; snapshotBytes: number; dcl: number | null }>(
      page,
      // The first snapshot is the GET /view the page preloads (its resource timing), or a live-stream snapshot.
      `(() => { const b = window.__bench; const nav = performance.getEntriesByType('navigation')[0];
        const view = performance.getEntriesByType('resource').find((e) => new URL(e.name).pathname.endsWith('/view'));
        return { firstRows: b.firstRows, esOpenAt: b.esOpenAt, snapshotAt: view ? view.responseEnd : b.snapshotAt,
          snapshotBytes: view ? view.decodedBodySize : b.snapshotBytes, dcl: nav ? nav.domContentLoadedEventEnd : null }; })()`,
    );
    if (tracePath) await browser.stopTracing();
    return { ms: r.firstRows, streamOpenMs: r.esOpenAt, snapshotMs: r.snapshotAt, snapshotChars: r.snapshotBytes, domContentLoadedMs: r.dcl };
  } finally {
    await context.close();
  }
}

/** The filter field: `/` from the list focuses and selects it, as a user would. */
export async function focusFilter(page: Page): Promise<void> {
  await page.keyboard.press('/');
  await until(page, 'focus', 'filter', 5000, '/ did not focus the filter field');
}

/** The number in the list title ("Pods(all)[200/10002]" → 200), or null. */
export function titleCount(page: Page): Promise<number | null> {
  return probe<number | null>(page, 'window.__bench.titleCount()');
}

/** Replaces the filter text (not timed) and waits until the list title shows `expected` rows when given. */
export async function setFilter(page: Page, text: string, expected: number | null, timeoutMs = 20_000): Promise<void> {
  await page.locator('#filter').fill(text, { timeout: timeoutMs });
  if (expected !== null) await until(page, 'count', expected, timeoutMs, `the list did not show ${expected} rows for the filter ${JSON.stringify(text)}`);
}

/** One timed keystroke in the focused filter field: keydown → the list title showing `expected` rows, painted. */
export async function timedFilterKey(page: Page, key: string, expected: number, timeoutMs = 10_000): Promise<{ ms: number | null; count: number | null }> {
  await page.evaluate(`window.__bench.armFilter(${expected}, ${timeoutMs})`);
  await page.keyboard.press(key);
  return probe<{ ms: number | null; count: number | null }>(page, 'window.__bench.filterResult');
}

/** Arms a watch for a row naming `podName`; `rowPainted` then resolves with the wall-clock paint time or null. */
export async function armRow(page: Page, podName: string, timeoutMs: number): Promise<void> {
  await page.evaluate(`window.__bench.armRow(${JSON.stringify(podName)}, ${timeoutMs})`);
}

/** Gives up on every armed watch (their results become null). */
export async function cancelWaits(page: Page): Promise<void> {
  await page.evaluate('window.__bench.cancelWaits()');
}

export function rowPainted(page: Page): Promise<number | null> {
  return probe<number | null>(page, 'window.__bench.rowResult');
}

/** Every row of the list as {header: text} records (scrolling the grid), and the grid's row count. */
export async function allRows(page: Page, maxMs = 120_000): Promise<{ total: number; rows: Record<string, string>[] }> {
  const headers = await probe<string[]>(page, 'window.__bench.headers()');
  const r = await probe<{ total: number; rows: string[][] }>(page, `window.__bench.collectAll(${maxMs})`);
  return { total: r.total, rows: r.rows.map((cells) => Object.fromEntries(headers.map((h, i) => [h, cells[i] ?? '']))) };
}

/** The visible data rows as {header: text} records. */
export async function visibleRows(page: Page): Promise<Record<string, string>[]> {
  const headers = await probe<string[]>(page, 'window.__bench.headers()');
  const rows = await probe<string[][]>(page, 'window.__bench.rowNames()');
  return rows.map((cells) => Object.fromEntries(headers.map((h, i) => [h, cells[i] ?? ''])));
}
