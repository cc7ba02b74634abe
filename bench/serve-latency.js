// How long a saved edit takes to show in the browser under `carebook serve`: from the moment
// the file is written to the moment the reloaded page's document is ready (the browser's
// navigation timing, on the same clock as the save). Repeats the edit and prints the median.
//
// usage: node bench/serve-latency.js PAGE_URL FILE_TO_EDIT [RUNS]
// (bench/serve-latency runs it against a copy of the shipped guide.)
'use strict';
const fs = require('fs');
const path = require('path');
const puppeteer = require(path.join(__dirname, '..', 'tests', 'browser', 'node_modules', 'puppeteer-core'));

const [url, file, runsArg] = process.argv.slice(2);
const runs = Number(runsArg || 15);
const original = fs.readFileSync(file, 'utf8');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

(async () => {
  const browser = await puppeteer.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const times = [];
  try {
    const page = await browser.newPage();
    await page.goto(url, { waitUntil: 'load' });
    for (let i = 0; i < runs; i++) {
      await sleep(400);
      const marker = `Edit number ${i} while serving.`;
      const saved = Date.now();
      fs.writeFileSync(file, `${original}\n${marker}\n`);
      await page.waitForFunction((m) => document.body && document.body.textContent.includes(m), { polling: 'raf', timeout: 10000 }, marker);
      const visibleAt = await page.evaluate(() => {
        const nav = performance.getEntriesByType('navigation')[0];
        return performance.timeOrigin + (nav ? nav.domContentLoadedEventEnd : performance.now());
      });
      times.push(Math.round(visibleAt - saved));
    }
  } finally {
    fs.writeFileSync(file, original);
    await browser.close();
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  console.log(`save to visible: median ${median} ms, min ${times[0]} ms, max ${times[times.length - 1]} ms over ${times.length} saves`);
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
