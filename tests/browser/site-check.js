// Serves a built carebook site under a base path on 127.0.0.1 and checks it in headless
// Chromium (Debian's /usr/bin/chromium): every page and sub-resource loads, an unknown address
// gets the styled 404 page, the skip link is the first focus stop and visible, and axe-core finds
// no WCAG 2.2 A/AA or best-practice violations, in light and dark schemes, on desktop and phone.
//
// usage: node site-check.js SITE_DIR BASE_PATH
'use strict';
const http = require('http');
const fs = require('fs');
const path = require('path');
const puppeteer = require('puppeteer-core');

const [site, base = '/'] = process.argv.slice(2);
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const types = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.svg': 'image/svg+xml', '.xml': 'application/xml', '.txt': 'text/plain' };

function serve() {
  const server = http.createServer((req, res) => {
    const url = decodeURIComponent(req.url.split('?')[0]);
    const inside = url.startsWith(base) ? url.slice(base.length) : null;
    const file = inside === null ? null : path.resolve(site, inside);
    if (file && file.startsWith(path.resolve(site)) && fs.existsSync(file) && fs.statSync(file).isFile()) {
      res.writeHead(200, { 'content-type': types[path.extname(file)] || 'application/octet-stream' });
      return res.end(fs.readFileSync(file));
    }
    res.writeHead(404, { 'content-type': types['.html'] });
    res.end(fs.readFileSync(path.join(site, '404.html')));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

function htmlPages(dir) {
  const out = [];
  for (const name of fs.readdirSync(dir)) {
    const p = path.join(dir, name);
    if (fs.statSync(p).isDirectory()) out.push(...htmlPages(p));
    else if (name.endsWith('.html') && name !== '404.html') out.push(path.relative(site, p).split(path.sep).join('/'));
  }
  return out.sort();
}

async function visit(page, url, problems, label) {
  const failed = [];
  const onResponse = (r) => { if (r.status() >= 400 && r.url() !== url) failed.push(`${r.status()} ${r.url()}`); };
  const onFailed = (r) => failed.push(`failed ${r.url()}`);
  page.on('response', onResponse);
  page.on('requestfailed', onFailed);
  const response = await page.goto(url, { waitUntil: 'load' });
  page.off('response', onResponse);
  page.off('requestfailed', onFailed);
  for (const f of failed) problems.push(`${label}: sub-resource did not load: ${f}`);
  return response;
}

async function checkPage(page, url, label, problems) {
  await page.evaluate(axeSource);
  const result = await page.evaluate(() => axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
  }));
  for (const v of result.violations) {
    const where = v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ');
    problems.push(`${label}: ${v.id} (${v.impact}): ${v.help}: ${where}`);
  }
  await page.keyboard.press('Tab');
  const focus = await page.evaluate(() => {
    const el = document.activeElement;
    const box = el.getBoundingClientRect();
    return { cls: el.className, visible: box.width > 0 && box.height > 0 && box.top >= 0 && box.top < innerHeight };
  });
  if (focus.cls !== 'skip-link' || !focus.visible) problems.push(`${label}: the first Tab does not show the skip link (${JSON.stringify(focus)})`);
}

(async () => {
  const server = await serve();
  const origin = `http://127.0.0.1:${server.address().port}`;
  const browser = await puppeteer.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  const problems = [];
  const pages = htmlPages(site);
  let visits = 0;
  for (const scheme of ['light', 'dark']) {
    for (const width of [1280, 375]) {
      const page = await browser.newPage();
      await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
      await page.setViewport({ width, height: 900 });
      for (const rel of pages) {
        const url = `${origin}${base}${rel}`;
        const label = `${scheme} ${width}px ${rel}`;
        const response = await visit(page, url, problems, label);
        if (response.status() !== 200) problems.push(`${label}: status ${response.status()}`);
        await checkPage(page, url, label, problems);
        visits++;
      }
      const missing = `${origin}${base}no/such/page.html`;
      const response = await visit(page, missing, problems, `${scheme} ${width}px 404`);
      if (response.status() !== 404) problems.push(`404: status ${response.status()}`);
      await checkPage(page, missing, `${scheme} ${width}px 404`, problems);
      await page.close();
    }
  }
  await browser.close();
  server.close();
  for (const p of problems) console.log(p);
  console.log(`${visits} page visits, ${problems.length} problems`);
  process.exit(problems.length ? 1 : 0);
})().catch((e) => { console.error(e); process.exit(2); });
