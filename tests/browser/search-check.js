// Types queries into the search box of a built site (served on 127.0.0.1 under a base path) in
// headless Chromium: every technique is found by its name, every red flag by its plain words
// with its care card first, and the keyboard works (Down, Enter, Escape).
//
// usage: node search-check.js SITE_DIR BASE_PATH QUERIES_JSON
//   QUERIES_JSON: [{"query": "...", "first": "expected substring of the first result's href"}]
'use strict';
const http = require('http');
const fs = require('fs');
const path = require('path');
const puppeteer = require('puppeteer-core');

const [site, base, queriesFile] = process.argv.slice(2);
const queries = JSON.parse(fs.readFileSync(queriesFile, 'utf8'));
const types = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript', '.svg': 'image/svg+xml' };

const server = http.createServer((req, res) => {
  const url = decodeURIComponent(req.url.split('?')[0]);
  const file = url.startsWith(base) ? path.resolve(site, url.slice(base.length)) : null;
  if (file && file.startsWith(path.resolve(site)) && fs.existsSync(file) && fs.statSync(file).isFile()) {
    res.writeHead(200, { 'content-type': types[path.extname(file)] || 'application/octet-stream' });
    return res.end(fs.readFileSync(file));
  }
  res.writeHead(404);
  res.end();
});

(async () => {
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  const browser = await puppeteer.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = await browser.newPage();
  const problems = [];
  const start = `${origin}${base}index.html`;
  for (const { query, first } of queries) {
    await page.goto(start, { waitUntil: 'load' });
    await page.click('#search-input');
    await page.keyboard.type(query);
    const results = await page.$$eval('#search-results [role=option] a', (as) => as.map((a) => a.getAttribute('href')));
    if (!results.length || !results[0].includes(first)) {
      problems.push(`"${query}": first result ${results[0]}, expected one containing ${first}`);
      continue;
    }
    await page.keyboard.press('ArrowDown');
    const selected = await page.$eval('#search-input', (i) => i.getAttribute('aria-activedescendant'));
    if (selected !== 'search-result-0') problems.push(`"${query}": Down did not select the first result (${selected})`);
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.keyboard.press('Enter')]);
    const landed = page.url();
    if (!landed.includes(first)) problems.push(`"${query}": Enter went to ${landed}`);
    const hash = new URL(landed).hash.slice(1);
    if (hash && !(await page.$(`[id="${hash}"]`))) problems.push(`"${query}": the page has no id ${hash}`);
  }
  await page.goto(start, { waitUntil: 'load' });
  await page.click('#search-input');
  await page.keyboard.type('stretch');
  await page.keyboard.press('Escape');
  const expanded = await page.$eval('#search-input', (i) => i.getAttribute('aria-expanded'));
  if (expanded !== 'false') problems.push('Escape did not close the results');
  // From disk (file://), with no server at all.
  await page.goto('file://' + path.resolve(site, 'techniques/index.html'), { waitUntil: 'load' });
  await page.click('#search-input');
  await page.keyboard.type('foam roller');
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.keyboard.press('Enter')]);
  if (!page.url().startsWith('file://') || !page.url().endsWith('/techniques/foam-roller.html')) problems.push(`from file:// the search went to ${page.url()}`);
  const noJs = await browser.newPage();
  await noJs.setJavaScriptEnabled(false);
  await noJs.goto(start, { waitUntil: 'load' });
  const hidden = await noJs.$eval('[data-search]', (b) => b.hidden);
  if (!hidden) problems.push('without JavaScript the search box is shown but cannot work');
  await browser.close();
  server.close();
  for (const p of problems) console.log(p);
  console.log(`${queries.length} queries, ${problems.length} problems`);
  process.exit(problems.length ? 1 : 0);
})().catch((e) => { console.error(e); process.exit(2); });
