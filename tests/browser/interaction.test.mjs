// The page in use: the share link restores the form exactly; each download holds the right
// content (CSV safe against formula injection, JSON with request/result/version, a self-contained
// HTML report); invalid input shows a specific message at the field and never NaN; periods compare;
// everything works by keyboard.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { start, open, gotoMetric, readResult } from './helpers.mjs';

let session;
let page;

before(async () => {
  session = await start();
  page = await session.newPage();
  await open(page, session.url, { query: 'lang=en', hash: 'm=nps' });
});
after(async () => session?.close());

async function formValues(target) {
  return target.$$eval('[data-field], [data-option], [data-unit-for], [data-set]:checked, [data-variant]:checked, [data-compare]', (elements) => elements.map((element) => [
    element.dataset.field ?? element.dataset.option ?? element.dataset.unitFor ?? element.dataset.set ?? element.dataset.variant ?? 'compare',
    element.dataset.index ?? '', element.dataset.key ?? '', element.type === 'checkbox' || element.type === 'radio' ? String(element.checked) : element.value,
  ]));
}

async function download(target, kind) {
  const [file] = await Promise.all([target.waitForEvent('download'), target.click(`[data-download="${kind}"]`)]);
  return { name: file.suggestedFilename(), text: await readFile(await file.path(), 'utf8') };
}

test('share link: opening it in a new browser restores the form and the result exactly', async () => {
  const cases = [
    ['nps', async () => { await page.fill('[data-field="promoters"]', '70'); await page.fill('[data-field="passives"]', '20'); await page.fill('[data-field="detractors"]', '10'); }],
    ['csat', async () => {
      await page.check('[data-set="distribution"]');
      await page.selectOption('[data-option="scale"]', '1-7');
      for (const [index, value] of ['1', '', '3', '4', '5', '6', '7'].entries()) await page.fill(`[data-field="counts"][data-index="${index}"]`, value);
      await page.fill('[data-option="threshold"]', '5');
    }],
    ['engagement', async () => {
      await page.fill('[data-field="components"][data-index="0"][data-key="name"]', 'loyalty & "friends"');
      await page.fill('[data-field="components"][data-index="0"][data-key="part"]', '400');
      await page.fill('[data-field="components"][data-index="0"][data-key="whole"]', '2000');
      await page.fill('[data-field="components"][data-index="1"][data-key="name"]', 'training');
      await page.fill('[data-field="components"][data-index="1"][data-key="rate"]', '15');
      await page.fill('[data-field="components"][data-index="1"][data-key="weight"]', '2.5');
    }],
    ['iqs', async () => { await page.fill('[data-field="weights"]', '40 30 30'); await page.fill('[data-field="scores"]', '100 50 80\n100 100 0'); }],
    ['nps', async () => { await page.check('[data-set="ratings"]'); await page.fill('[data-field="ratings"]', '10 9 x 3'); }],
    ['staffing', async () => {
      await page.fill('[data-field="contacts"]', '100');
      await page.selectOption('[data-unit-for="aht_seconds"]', 'min');
      await page.fill('[data-field="aht_seconds"]', '3');
      await page.fill('[data-field="target_seconds"]', '');
    }],
  ];
  const fresh = await session.newPage();
  for (const [metric, fill] of cases) {
    await gotoMetric(page, metric);
    await fill();
    const before = { values: await formValues(page), result: await readResult(page) };
    const link = await page.inputValue('[data-share-url]');
    assert.equal(new URL(link).hash, new URL(page.url()).hash, 'the address bar holds the same state');
    await fresh.goto('about:blank');
    await fresh.goto(link);
    await fresh.waitForSelector('#app[data-ready="true"]');
    assert.deepEqual(await formValues(fresh), before.values, `${metric}: every field is restored`);
    const after = await readResult(fresh);
    assert.equal(after.panel, before.result.panel, `${metric}: the same result is shown`);
  }
  await fresh.context().close();
});

test('a hand-written link may leave out pre-filled fields', async () => {
  await open(page, session.url, { query: 'lang=en', hash: 'm=staffing&i.contacts=100&i.aht_seconds=180' });
  assert.equal((await readResult(page)).raw, 14);
});

test('share link across languages: numbers travel locale-free', async () => {
  await open(page, session.url, { query: 'lang=fi', hash: 'm=clv&v=basic' });
  await page.fill('[data-field="purchase_value"]', '1 234,5');
  await page.fill('[data-field="purchases_per_year"]', '2');
  await page.fill('[data-field="lifespan_years"]', '1');
  const link = new URL(await page.inputValue('[data-share-url]'));
  assert.match(link.hash, /1234\.5/);
  link.searchParams.set('lang', 'en');
  await open(page, link.origin + link.pathname, { query: link.search.slice(1), hash: link.hash.slice(1) });
  assert.equal(await page.inputValue('[data-field="purchase_value"]'), '1234.5');
  assert.equal((await readResult(page)).raw, 2469);
});

test('downloads: CSV, JSON and HTML report of the current result', async () => {
  await open(page, session.url, { query: 'lang=en', hash: 'm=nps&set=counts&i.promoters=70&i.passives=20&i.detractors=10' });
  const csv = await download(page, 'csv');
  assert.match(csv.name, /^servicekpi-nps-\d{4}-\d{2}-\d{2}\.csv$/);
  assert.ok(csv.text.startsWith('\ufeff'), 'UTF-8 BOM for spreadsheets');
  const rows = csv.text.slice(1).trim().split('\r\n').map((line) => line.split('","').map((cell) => cell.replace(/^"|"$/g, '')));
  assert.deepEqual(rows[0], ['Section', 'Item', 'Value', 'Text']);
  assert.ok(rows.some((row) => row[0] === 'input' && row[1] === 'Promoters (9–10)' && row[2] === '70'));
  assert.ok(rows.some((row) => row[0] === 'result' && row[1] === 'Net Promoter Score (NPS)' && row[2] === '60'));
  assert.ok(rows.some((row) => row[0] === 'result' && row[1] === '95% interval, low' && Math.abs(Number(row[2]) - 47) < 0.01));
  assert.ok(rows.some((row) => row[0] === 'formula' && row[3].includes('NPS = 70% − 10%')));

  const json = JSON.parse((await download(page, 'json')).text);
  assert.equal(json.request.metric, 'nps');
  assert.deepEqual(json.request.inputs, { promoters: 70, passives: 20, detractors: 10 });
  assert.equal(json.result.ok, true);
  assert.equal(json.result.value, 60);
  assert.ok(json.version, 'the version is recorded');
  assert.match(json.texts.formula, /NPS/);

  const html = await download(page, 'html');
  assert.match(html.name, /\.html$/);
  assert.match(html.text, /^<!doctype html>/i);
  assert.match(html.text, /<svg[^>]*role="img"/, 'the chart is inline SVG');
  assert.match(html.text, /<style>/);
  assert.doesNotMatch(html.text, /<script|<link|src=|url\(/i, 'self-contained: no scripts or external resources');
  assert.doesNotMatch(html.text.replace(/xmlns="http:\/\/www\.w3\.org\/2000\/svg"/g, ''), /https?:\/\//, 'no links out');
  assert.match(html.text, /Net Promoter Score/);
  assert.match(html.text, />60\s*</);

  // The report renders and fits on one printed A4 page.
  const report = await session.newPage();
  await report.setContent(html.text);
  const pdf = await report.pdf({ format: 'A4' });
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  assert.equal(pages, 1, 'the report prints on one page');
  await report.context().close();
});

test('CSV is safe to open in a spreadsheet: formula-like cells are neutralised', async () => {
  await gotoMetric(page, 'engagement');
  const names = ['=HYPERLINK("http://x","y")', '+1+1', '-2+3', '@SUM(A1)', '\tTab', 'plain'];
  while (await page.locator('[data-field="components"][data-key="name"]').count() < names.length) await page.click('[data-add="components"]');
  for (const [index, name] of names.entries()) {
    await page.fill(`[data-field="components"][data-index="${index}"][data-key="name"]`, name);
    await page.fill(`[data-field="components"][data-index="${index}"][data-key="rate"]`, String(10 + index));
  }
  assert.equal((await readResult(page)).error, null);
  const csv = (await download(page, 'csv')).text.slice(1);
  const cells = csv.trim().split(/\r\n/).flatMap((line) => line.split(/","/)).map((cell) => cell.replace(/^"|"$/g, '').replace(/""/g, '"'));
  for (const cell of cells) assert.doesNotMatch(cell, /^[=+\-@\t\r]/, `cell ${JSON.stringify(cell)} is neutralised`);
  assert.ok(cells.some((cell) => cell.includes('\'=HYPERLINK')), 'the text itself is kept, prefixed');
});

test('download-all: one report with every metric filled in during the visit', async () => {
  await open(page, session.url, { query: 'lang=en', hash: 'm=nps&set=counts&i.promoters=70&i.passives=20&i.detractors=10' });
  await gotoMetric(page, 'feedback_response_rate');
  await page.fill('[data-field="responded"]', '120');
  await page.fill('[data-field="received"]', '150');
  const report = await download(page, 'all');
  assert.match(report.text, /Net Promoter Score/);
  assert.match(report.text, /Feedback response rate/);
  assert.equal((report.text.match(/<section class="metric">/g) ?? []).length, 2);
});

test('invalid inputs show a specific message at the field, never NaN, Infinity or a blank', async () => {
  const cases = [
    ['nps', 'counts', { promoters: '70', passives: '-2', detractors: '10' }, 'passives', /cannot be negative/],
    ['nps', 'counts', { promoters: 'abc', passives: '1', detractors: '1' }, 'promoters', /must be a number/],
    ['nps', 'counts', { promoters: '1e400', passives: '1', detractors: '1' }, 'promoters', /finite/],
    ['nps', 'counts', { promoters: '0', passives: '0', detractors: '0' }, 'promoters', /0|nothing/],
    ['nps', 'counts', { promoters: '2.5', passives: '1', detractors: '1' }, 'promoters', /whole number/],
    ['nps', 'shares', { promoter_percent: '170', detractor_percent: '10' }, 'promoter_percent', /at most 100/],
    ['nps', 'ratings', { ratings: '10 9 11' }, 'ratings', /value 3.*outside/],
    ['csat', 'counts', { satisfied: '60', responses: '50' }, 'satisfied', /larger than/],
    ['feedback_response_rate', '', { responded: '5', received: '0' }, 'received', /is 0/],
    ['iqs', '', { weights: '40 30 30', scores: '100 50' }, 'scores', /needs 3 values/],
  ];
  for (const [metric, set, values, field, message] of cases) {
    await gotoMetric(page, metric);
    if (set) await page.check(`[data-set="${set}"]`);
    for (const [name, value] of Object.entries(values)) await page.fill(`[data-field="${name}"]`, value);
    const shown = await page.evaluate((name) => {
      const wrapper = document.querySelector(`[data-input="${name}"]`);
      const error = wrapper?.querySelector(':scope > .error');
      return {
        message: error && !error.hidden ? error.textContent : '',
        invalid: wrapper?.querySelector('[aria-invalid="true"]') !== null,
        described: (wrapper?.querySelector('[data-field]')?.getAttribute('aria-describedby') ?? '').includes(error?.id),
        body: document.body.innerText,
      };
    }, field);
    assert.match(shown.message, message, `${metric} ${JSON.stringify(values)}: message at ${field} (got "${shown.message}")`);
    assert.ok(shown.invalid, 'the field is marked invalid');
    assert.ok(shown.described, 'the message is tied to the field');
    assert.doesNotMatch(shown.body, /NaN|Infinity|undefined|\bnull\b|\[object/, 'no NaN/Infinity/undefined on the page');
    assert.equal((await readResult(page)).text, null, 'no figure is shown for invalid input');
  }
});

test('compare two periods: change and significance', async () => {
  await gotoMetric(page, 'nps');
  await page.check('[data-set="counts"]');
  await page.check('[data-compare]');
  const fill = async (side, values) => {
    for (const [name, value] of Object.entries(values)) await page.fill(`.side[data-side="${side}"] [data-field="${name}"]`, value);
  };
  await fill('a', { promoters: '50', passives: '30', detractors: '20' });
  await fill('b', { promoters: '60', passives: '25', detractors: '15' });
  let shown = await page.evaluate(() => ({ change: document.querySelector('[data-change]')?.dataset.change, significance: document.querySelector('[data-significance]')?.dataset.significance, text: document.querySelector('.result-holder').innerText }));
  assert.equal(Number(shown.change), 15);
  assert.equal(shown.significance, 'false');
  assert.match(shown.text, /not significant/);
  await fill('a', { promoters: '500', passives: '300', detractors: '200' });
  await fill('b', { promoters: '600', passives: '250', detractors: '150' });
  shown = await page.evaluate(() => ({ significance: document.querySelector('[data-significance]')?.dataset.significance }));
  assert.equal(shown.significance, 'true');
  const csv = (await download(page, 'csv')).text;
  assert.match(csv, /Change/);
  await page.uncheck('[data-compare]');
});

test('keyboard only: reach a field with Tab, type, and read the announced result', async () => {
  await open(page, session.url, { query: 'lang=en', hash: 'm=referral_rate' });
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.className), 'skip-link', 'the first Tab reaches the skip link');
  let found = false;
  for (let step = 0; step < 80 && !found; step += 1) {
    await page.keyboard.press('Tab');
    found = await page.evaluate(() => document.activeElement?.dataset?.field === 'referred_new');
  }
  assert.ok(found, 'Tab reaches the first input');
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(outline, 'none', 'focus is visible');
  await page.keyboard.type('45');
  await page.keyboard.press('Tab');
  await page.keyboard.type('300');
  assert.equal((await readResult(page)).raw, 15);
  await page.waitForFunction(() => document.querySelector('[data-announce]')?.textContent.includes('15%'));
  assert.equal(await page.getAttribute('[data-announce]', 'aria-live'), 'polite');
  // Navigation links work with Enter.
  await page.focus('[data-nav="nps"]');
  await page.keyboard.press('Enter');
  await page.waitForSelector('article.metric[data-metric="nps"]');
});

test('formulas and definitions: every metric with a worked example, printable', async () => {
  await open(page, session.url, { query: 'lang=en', hash: 'view=formulas' });
  const cards = await page.$$eval('.formula-card', (items) => items.map((item) => ({ metric: item.dataset.metric, examples: item.querySelectorAll('.worked-example').length, text: item.innerText })));
  const cat = await page.evaluate(async () => (await (await import('./servicekpi.mjs')).load()).catalogue());
  assert.deepEqual(cards.map((card) => card.metric).sort(), cat.metrics.map((metric) => metric.id).sort());
  for (const card of cards) {
    const metric = cat.metrics.find((item) => item.id === card.metric);
    if (metric.variants.some((variant) => variant.examples.length)) assert.ok(card.examples > 0, `${card.metric} has a worked example`);
    assert.doesNotMatch(card.text, /NaN|Infinity|undefined/);
  }
  const pdf = await page.pdf({ format: 'A4' });
  assert.ok(pdf.length > 1000, 'the reference prints');
});

test('no page errors', () => {
  assert.deepEqual(page.errors, []);
});
