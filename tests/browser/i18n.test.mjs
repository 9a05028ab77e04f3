// Six languages: each renders the NPS page with every string translated (no key falls back to
// English or shows raw), Arabic is laid out right to left, numbers follow the locale and number
// fields accept the locale's decimal comma. The coverage test lists what translators still miss.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, open, readResult } from './helpers.mjs';
import { englishTexts, coverage } from '../../scripts/i18n-keys.mjs';
import { dist } from './helpers.mjs';

const LANGUAGES = ['en', 'et', 'fi', 'ro', 'tr', 'ar'];
// A raw key on screen would look like "metric.nps.name" or "form.compare".
const RAW_KEY = /\b(?:metric|formula|interpretation|error|warning|chart|unit|group|inputset|form|result|nav|compare|download|share|component|lang|home|footer|csv|report|formulas|kind)\.[a-z0-9_]+(?:\.[a-z0-9_.-]+)?\b/;

let session;
let page;
let english;

before(async () => {
  session = await start();
  page = await session.newPage();
  english = await englishTexts(dist);
});
after(async () => session?.close());

async function npsPage(lang) {
  await open(page, session.url, { query: `lang=${lang}`, hash: 'm=nps&set=counts&i.promoters=70&i.passives=20&i.detractors=10' });
  return page.evaluate(() => ({
    lang: document.documentElement.lang,
    dir: document.documentElement.dir,
    missing: document.getElementById('app').dataset.i18nMissing ?? '',
    text: document.body.innerText,
    title: document.title,
  }));
}

for (const lang of LANGUAGES) {
  test(`${lang}: the NPS page renders with no untranslated key`, async () => {
    const shown = await npsPage(lang);
    assert.equal(shown.lang, lang);
    assert.equal(shown.dir, lang === 'ar' ? 'rtl' : 'ltr');
    assert.doesNotMatch(shown.text, RAW_KEY, 'no raw key on screen');
    assert.doesNotMatch(shown.text, /NaN|Infinity|undefined/);
    const missing = shown.missing.split(' ').filter(Boolean);
    assert.deepEqual(missing, [], `${missing.length} strings on the NPS page are not translated into ${lang}, e.g. ${missing.slice(0, 8).join(', ')}`);
  });
}

for (const lang of LANGUAGES.slice(1)) {
  test(`${lang}: web/i18n/${lang}.json translates every key (scripts/i18n-keys.mjs --missing ${lang})`, () => {
    const { missing, empty, brokenPlaceholders } = coverage(lang, english);
    const total = Object.keys(english).length;
    assert.equal(missing.length + empty.length, 0,
      `${lang}: ${missing.length} of ${total} keys missing and ${empty.length} empty, e.g. ${[...missing, ...empty].slice(0, 6).join(', ')}`);
    assert.deepEqual(brokenPlaceholders, [], `${lang}: translations must keep the placeholders of the English text`);
  });
}

test('the language comes from the browser when ?lang= is absent, and ?lang= wins', async () => {
  const finnish = await session.newPage({ locale: 'fi-FI' });
  await open(finnish, session.url, { hash: 'm=nps' });
  assert.equal(await finnish.evaluate(() => document.documentElement.lang), 'fi');
  await open(finnish, session.url, { query: 'lang=tr', hash: 'm=nps' });
  assert.equal(await finnish.evaluate(() => document.documentElement.lang), 'tr');
  const other = await session.newPage({ locale: 'de-DE' });
  await open(other, session.url, { hash: 'm=nps' });
  assert.equal(await other.evaluate(() => document.documentElement.lang), 'en', 'unsupported browser languages fall back to English');
});

test('Arabic: right-to-left layout, the navigation on the right', async () => {
  await open(page, session.url, { query: 'lang=ar', hash: 'm=nps' });
  const layout = await page.evaluate(() => {
    const nav = document.querySelector('.site-nav').getBoundingClientRect();
    const main = document.querySelector('.site-main').getBoundingClientRect();
    return { navLeft: nav.left, mainLeft: main.left, direction: getComputedStyle(document.querySelector('.site-main')).direction };
  });
  assert.equal(layout.direction, 'rtl');
  assert.ok(layout.navLeft > layout.mainLeft, 'the navigation sits on the right in Arabic');
});

test('decimal comma: Estonian input "70,5" is read as 70.5 and shown as "60,5"', async () => {
  await open(page, session.url, { query: 'lang=et', hash: 'm=nps&set=shares' });
  await page.fill('[data-field="promoter_percent"]', '70,5');
  await page.fill('[data-field="detractor_percent"]', '10');
  const result = await readResult(page);
  assert.equal(result.raw, 60.5);
  assert.equal(result.text, '60,5');
  assert.match(result.panel, /70,5\s?%/, 'the formula shows the Estonian number format');
});

test('decimal comma in lists: Finnish "2,5; 3,5" is two values, a comma followed by a space separates', async () => {
  await open(page, session.url, { query: 'lang=fi', hash: 'm=nps&set=ratings' });
  await page.fill('[data-field="ratings"]', '10, 9, 8, 3, 10');
  const result = await readResult(page);
  assert.equal(result.raw, 40);
});

test('locale formats: Turkish puts the percent sign first, Arabic keeps its own separators', async () => {
  await open(page, session.url, { query: 'lang=tr', hash: 'm=feedback_response_rate&i.responded=120&i.received=150' });
  assert.equal((await readResult(page)).text, '%80');
  await open(page, session.url, { query: 'lang=ar', hash: 'm=feedback_response_rate&i.responded=1&i.received=3' });
  const arabic = await readResult(page);
  assert.ok(arabic.text.includes('33') && arabic.text.includes('%'), `Arabic shows ${arabic.text}`);
});

test('switching the language keeps the inputs (through the locale-free link)', async () => {
  await open(page, session.url, { query: 'lang=et', hash: 'm=nps&set=shares' });
  await page.fill('[data-field="promoter_percent"]', '70,5');
  await page.fill('[data-field="detractor_percent"]', '10');
  await page.selectOption('[data-language]', 'en');
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  assert.equal(await page.inputValue('[data-field="promoter_percent"]'), '70.5');
  assert.equal((await readResult(page)).raw, 60.5);
  assert.match(page.url(), /lang=en/);
});

test('translations load as plain ES modules generated from web/i18n/*.json (no JSON modules)', async () => {
  const { readFile, readdir } = await import('node:fs/promises');
  const { join } = await import('node:path');
  const { pathToFileURL } = await import('node:url');
  const { root } = await import('./helpers.mjs');
  for (const name of await readdir(join(dist, 'app'))) {
    const code = (await readFile(join(dist, 'app', name), 'utf8')).replace(/^\s*\/\/.*$/gm, '');
    assert.doesNotMatch(code, /\bwith\s*\{\s*type\s*:|\bassert\s*\{\s*type\s*:/, `${name} imports no JSON module`);
    assert.doesNotMatch(code, /\bfetch\s*\(/, `${name} fetches nothing`);
  }
  for (const lang of LANGUAGES) {
    const generated = (await import(pathToFileURL(join(dist, 'i18n', `${lang}.mjs`)).href)).default;
    const source = JSON.parse(await readFile(join(root, 'web', 'i18n', `${lang}.json`), 'utf8'));
    assert.deepEqual(generated, source, `dist/i18n/${lang}.mjs is web/i18n/${lang}.json`);
  }
  // The page asks for the modules, not the JSON files.
  const requested = [];
  const fresh = await session.newPage();
  fresh.on('request', (request) => requested.push(new URL(request.url()).pathname));
  await open(fresh, session.url, { query: 'lang=ar', hash: 'm=nps' });
  assert.ok(requested.some((path) => path.endsWith('/i18n/ar.mjs')));
  assert.ok(!requested.some((path) => path.endsWith('.json')), `no JSON file is loaded: ${requested.join(' ')}`);
  await fresh.context().close();
});
