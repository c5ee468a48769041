// The serve page and a `classify --html` report, used as a person would in
// Chromium: paste the seed article, press Classify, check the highlighted
// statements, speaker badges and summary against the API's JSON, hover and
// focus a sentence, upload files, then open the report file and check the
// same. Screenshots at 1280 and 400 px wide go to target/browser/.
//
// Usage (from the repository root, after `cargo build`):
//   node tests/browser/browser.mjs [path/to/stance]
// Environment: CHROMIUM (default /usr/bin/chromium).

import { chromium } from 'playwright-core';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import assert from 'node:assert/strict';

const root = resolve(new URL('../..', import.meta.url).pathname);
const stanceBin = resolve(process.argv[2] ?? join(root, 'target/debug/stance'));
const seedPath = join(root, 'data/articles/doj-sues-california.txt');
const seed = readFileSync(seedPath, 'utf8');
const out = join(root, 'target/browser');
mkdirSync(out, { recursive: true });

// Without the background-networking flags Chromium stalls on a closed network.
const CHROMIUM_FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

let failures = 0;
async function check(name, body) {
  try {
    await body();
    console.log(`ok   ${name}`);
  } catch (error) {
    failures += 1;
    console.log(`FAIL ${name}\n${error.stack ?? error}`);
  }
}

/** Starts `stance serve --port 0` and resolves with its base URL. */
function startServer() {
  const server = spawn(stanceBin, ['serve', '--port', '0'], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
  return new Promise((resolveUrl, reject) => {
    let seen = '';
    server.stderr.on('data', (chunk) => {
      seen += chunk;
      const match = seen.match(/listening on (http:\/\/[^\s]+?)\/? /);
      if (match) resolveUrl({ server, url: match[1].replace(/\/$/, '') });
    });
    server.on('exit', (code) => reject(new Error(`stance serve exited (${code}): ${seen}`)));
  });
}

/** What the page must show, from the JSON API. */
async function expected(url) {
  const response = await fetch(`${url}/api/classify`, {
    method: 'POST', headers: { 'Content-Type': 'text/plain; charset=utf-8' }, body: seed,
  });
  assert.equal(response.status, 200);
  const report = await response.json();
  const classified = report.sentences.filter((s) => s.stance);
  return {
    report,
    stances: classified.map((s) => s.stance.label),
    speakers: classified.filter((s) => s.speaker).map((s) => s.speaker),
    dimmed: report.sentences.length - classified.length,
  };
}

/** The highlighted units, badges and summary of the view inside `scope`. */
async function assertView(page, scope, want) {
  const units = page.locator(`${scope} .text .unit[data-stance]`);
  assert.deepEqual(await units.evaluateAll((els) => els.map((e) => e.dataset.stance)), want.stances);
  const chips = await page.locator(`${scope} .text .unit .chip`).allInnerTexts();
  assert.equal(chips.length, want.stances.length, 'every highlighted unit has a text label');
  const badges = await page.locator(`${scope} .text .unit .badge`).allTextContents();
  assert.deepEqual(badges.map((b) => b.replace('speaker: ', '')), want.speakers);
  assert.equal(await page.locator(`${scope} .text .dim`).count(), want.dimmed);
  const summary = page.locator(`${scope} aside.summary`);
  const narrator = await summary.locator('.narrator').innerText();
  assert.ok(narrator.startsWith(`${want.report.summary.narrator.statements} statement`), narrator);
  const names = await summary.locator('table.speakers .badge').allInnerTexts();
  assert.deepEqual(names, want.report.summary.speakers.map((s) => s.name));
  const stances = await summary.locator('table.speakers td:nth-child(3) .pill').allInnerTexts();
  assert.deepEqual(
    stances.map((t) => t.split(' ')[0]),
    want.report.summary.speakers.map((s) => s.stance),
  );
  const sides = await summary.locator('ul.sides li').allInnerTexts();
  const quoted = Object.values(want.report.summary.voices_per_side).filter((v) => v.speakers.length > 0);
  assert.equal(sides.length, quoted.length, 'one line per side that has quoted voices');
  assert.equal(await summary.locator('svg.bars').count(), 2);
  // A sentence shows its probabilities on hover and on keyboard focus.
  const sessions = units.filter({ hasText: 'Sessions said the bills undermine' });
  await sessions.hover();
  const tip = sessions.locator('.tip');
  assert.ok(await tip.isVisible(), 'tooltip on hover');
  assert.match(await tip.innerText(), /stance: pro-enforcement[\s\S]*why: /);
  await page.screenshot({ path: join(out, `tooltip-${scope === 'main' ? 'report' : 'serve'}-1280.png`) });
  await page.mouse.move(0, 0);
  await units.first().focus();
  assert.ok(await units.first().locator('.tip').isVisible(), 'tooltip on focus');
  await units.first().blur();
}

/** Every request a page makes stays on `allowed` origins (or file:, data:). */
function watchRequests(page, allowed) {
  const foreign = [];
  page.on('request', (r) => {
    const u = r.url();
    if (!(allowed.some((a) => u.startsWith(a)) || u.startsWith('file:') || u.startsWith('data:'))) foreign.push(u);
  });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  return { foreign, errors };
}

/** Full-page screenshots at 1280 and 400 px, and the narrow one in screen-high parts, easier to look at. */
async function shoot(page, name) {
  for (const width of [1280, 400]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: join(out, `${name}-${width}.png`), fullPage: true });
  }
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  for (let y = 0, part = 1; y < height; y += 1200, part += 1) {
    const clip = { x: 0, y, width: 400, height: Math.min(1200, height - y) };
    await page.screenshot({ path: join(out, `${name}-400-part${part}.png`), fullPage: true, clip });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

const { server, url } = await startServer();
const profile = mkdtempSync(join(tmpdir(), 'stance-chromium-'));
let context;
try {
  const want = await expected(url);
  context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport: { width: 1280, height: 900 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const watched = watchRequests(page, [url]);

  await check('the page classifies a pasted article', async () => {
    await page.goto(`${url}/`);
    await page.locator('#text').fill(seed);
    await page.getByRole('button', { name: 'Classify' }).click();
    await page.locator('#result aside.summary').waitFor();
    await assertView(page, '#result', want);
    assert.match(await page.locator('#status').innerText(), /^Done/);
    await shoot(page, 'serve-pasted');
  });

  await check('the page classifies uploaded files and explains refusals', async () => {
    await page.locator('#text').fill('');
    await page.locator('#file').setInputFiles(seedPath);
    await page.getByRole('button', { name: 'Classify' }).click();
    await page.locator('#result h2', { hasText: 'doj-sues-california.txt' }).waitFor();
    assert.equal(await page.locator('#result .text .unit[data-stance]').count(), want.stances.length);
    await page.locator('#file').setInputFiles({ name: 'a.jsonl', mimeType: 'application/json',
      buffer: Buffer.from('{"id":"one","text":"ICE deported 40 criminals."}\n{"id":"two","text":"The city shelters families."}\n') });
    await page.getByRole('button', { name: 'Classify' }).click();
    await page.locator('#result nav.toc').waitFor();
    assert.equal(await page.locator('#result article.report').count(), 2);
    await page.screenshot({ path: join(out, 'serve-jsonl-1280.png'), fullPage: true });
    await page.locator('#file').setInputFiles({ name: 'a.html', mimeType: 'text/html', buffer: Buffer.from('<p>x</p>') });
    await page.getByRole('button', { name: 'Classify' }).click();
    await page.locator('#status.error').waitFor();
    assert.match(await page.locator('#status').innerText(), /a\.html: no article body found/);
    await page.locator('#file').setInputFiles(join(root, 'tests/fixtures/html/doj-sues-california.html'));
    await page.getByRole('button', { name: 'Classify' }).click();
    await page.locator('#result h2', { hasText: 'Justice Department sues California' }).waitFor();
    assert.equal(await page.locator('#result .text .unit[data-stance]').count(), want.stances.length + 1, 'the page adds its title as a headline');
    await page.locator('#file').setInputFiles([]);
    await page.getByRole('button', { name: 'Classify' }).click();
    assert.match(await page.locator('#status').innerText(), /Paste an article or choose a file first/);
  });

  await check('the page fetches nothing from elsewhere and raises no script errors', async () => {
    assert.deepEqual(watched.foreign, []);
    assert.deepEqual(watched.errors, []);
  });

  await check('a classify --html report shows the same', async () => {
    const report = join(out, 'seed.html');
    rmSync(report, { force: true });
    execFileSync(stanceBin, ['classify', seedPath, '--html', report], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
    const file = await context.newPage();
    const fileWatched = watchRequests(file, []);
    await file.goto(`file://${report}`);
    await assertView(file, 'main', want);
    assert.equal(await file.locator('script').count(), 0, 'the report runs no script');
    assert.deepEqual(fileWatched.foreign, []);
    await shoot(file, 'report');
    // On a narrow screen every tooltip stays inside the screen, wherever its sentence starts.
    await file.setViewportSize({ width: 400, height: 800 });
    const units = file.locator('main .text .unit[data-stance]');
    for (const i of [0, 5, 10, (await units.count()) - 1]) {
      await units.nth(i).focus();
      const box = await units.nth(i).locator('.tip').boundingBox();
      assert.ok(box && box.x >= 0 && box.x + box.width <= 400, `tooltip ${i} at ${JSON.stringify(box)}`);
    }
    await units.nth(10).hover();
    await file.screenshot({ path: join(out, 'report-400-tooltip.png') });
  });
} finally {
  await context?.close();
  server.kill('SIGTERM');
  rmSync(profile, { recursive: true, force: true });
}
console.log(failures ? `${failures} browser check(s) failed` : `browser checks passed; screenshots in ${out}`);
process.exit(failures ? 1 : 0);
