import { chromium } from 'playwright-core';
const base = 'http://127.0.0.1:3199/c/farview-modern';
const pages = [
  ['nodeclaims', '?view=nodeclaims'],
  ['nodepool-yaml', '?view=nodepools&sel=karpenter%2Fspot-arm&open=yaml'],
  ['nodegroup-yaml', '?view=nodepools&sel=nodegroup%2Fsystem&open=yaml'],
  ['cost-discount', '/cost?by=capacity'],
  ['nodepools', '?view=nodepools'],
];
const sizes = [[1920, 1080], [1280, 720], [390, 844]];
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
for (const [w, h] of sizes) {
  const ctx = await browser.newContext({ viewport: { width: w, height: h } });
  const page = await ctx.newPage();
  for (const [name, q] of pages) {
    await page.goto(base + q);
    await page.waitForTimeout(2500);
    await page.screenshot({ path: `/tmp/shot-${name}-${w}.png`, fullPage: name.startsWith('cost') });
  }
  await ctx.close();
}
await browser.close();
