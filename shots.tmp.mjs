import { chromium } from 'playwright-core';
const base = 'http://127.0.0.1:3199/c/farview-modern';
const pages = [
  ['nodepools', '?view=nodepools'],
  ['nodepool-detail', '?view=nodepools&sel=karpenter%2Fspot-arm&open=detail'],
  ['nodes', '?view=nodes'],
  ['node-detail', null],
  ['pods-analytics', '?view=pods&ns=analytics&open=detail'],
];
const sizes = [[1920, 1080], [1280, 720], [390, 844]];
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
for (const [w, h] of sizes) {
  const ctx = await browser.newContext({ viewport: { width: w, height: h } });
  const page = await ctx.newPage();
  for (const [name, q] of pages) {
    let url = base + (q ?? '');
    if (name === 'node-detail') {
      const v = await (await fetch('http://127.0.0.1:3199/api/c/farview-modern/view')).json();
      const n = v.nodes.find((x) => x.capacityType === 'SPOT' && x.arch === 'arm64');
      url = `${base}?view=nodes&sel=${encodeURIComponent(n.name)}&open=detail`;
    }
    if (name === 'pods-analytics') {
      const v = await (await fetch('http://127.0.0.1:3199/api/c/farview-modern/view')).json();
      const p = v.pods.find((x) => x.namespace === 'analytics');
      url = `${base}?view=pods&ns=analytics&sel=${encodeURIComponent(p.namespace + '/' + p.name)}&open=detail`;
    }
    await page.goto(url);
    await page.waitForTimeout(2500);
    await page.screenshot({ path: `/tmp/shot-${name}-${w}.png` });
  }
  await ctx.close();
}
await browser.close();
