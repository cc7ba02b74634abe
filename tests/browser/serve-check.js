// With `carebook serve` running, checks in headless Chromium that a page reloads by itself
// after a save (keeping its scroll position), shows a broken save's errors over the page, and
// clears them on the next good save.
//
// usage: node serve-check.js PAGE_URL FILE_TO_EDIT
'use strict';
const fs = require('fs');
const puppeteer = require('puppeteer-core');

const [url, file] = process.argv.slice(2);
const original = fs.readFileSync(file, 'utf8');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function waitFor(page, test, what) {
  for (let i = 0; i < 100; i++) {
    if (await page.evaluate(test).catch(() => false)) return;
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${what}`);
}

(async () => {
  const browser = await puppeteer.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const problems = [];
  try {
    const page = await browser.newPage();
    await page.setViewport({ width: 800, height: 400 });
    await page.goto(url, { waitUntil: 'load' });
    await sleep(300);
    await page.evaluate(() => window.scrollTo(0, 200));
    const saved = Date.now();
    fs.writeFileSync(file, original + '\nA line added while serving.\n');
    await waitFor(page, () => document.body.textContent.includes('A line added while serving.'), 'the reload');
    // When the reloaded page's document was ready, on the same clock as `saved`.
    const visibleAt = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      return performance.timeOrigin + (nav ? nav.domContentLoadedEventEnd : performance.now());
    });
    const reloadMs = Math.round(visibleAt - saved);
    await sleep(200);
    const scrolled = await page.evaluate(() => window.scrollY);
    if (scrolled < 150) problems.push(`the scroll position was not kept (${scrolled})`);
    fs.writeFileSync(file, original.replace(/^title:.*$/m, 'title: [broken'));
    await waitFor(page, () => !!document.getElementById('carebook-errors'), 'the error overlay');
    const text = await page.$eval('#carebook-errors', (e) => e.textContent);
    if (!/yaml-syntax/.test(text) || !/:2:/.test(text)) problems.push(`the overlay does not say where: ${text}`);
    fs.writeFileSync(file, original);
    await waitFor(page, () => !document.getElementById('carebook-errors') && !document.body.textContent.includes('A line added while serving.'), 'the overlay to clear');
    console.log(`reloaded ${reloadMs} ms after the save`);
  } catch (e) {
    problems.push(String(e));
  } finally {
    fs.writeFileSync(file, original);
    await browser.close();
  }
  for (const p of problems) console.log(p);
  console.log(`${problems.length} problems`);
  process.exit(problems.length ? 1 : 0);
})();
