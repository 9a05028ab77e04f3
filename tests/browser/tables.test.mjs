// Result tables (the staffing table of service level, speed of answer, occupancy, probability of
// waiting and, for Erlang A, abandonment by number of agents): an accessible HTML table with the
// result's row marked, values formatted for the language, scrolling inside its own box on a phone,
// and carried into the CSV, JSON and HTML report downloads.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { start, open } from './helpers.mjs';

const STAFFING_C = 'm=staffing&v=erlang_c&i.contacts=100&i.aht_seconds=180&i.interval_seconds=1800&i.target_percent=80&i.target_seconds=20';
const STAFFING_A = 'm=staffing&v=erlang_a&i.contacts=100&i.aht_seconds=180&i.interval_seconds=1800&i.target_percent=80&i.target_seconds=20&i.patience_seconds=60';

let session;
let page;

before(async () => {
  session = await start();
  page = await session.newPage();
});
after(async () => session?.close());

function readTable(target) {
  return target.evaluate(() => {
    const table = document.querySelector('[data-result-tables] table.result-table');
    if (!table) return null;
    const region = table.closest('.table-scroll');
    return {
      caption: table.caption?.textContent,
      regionLabel: document.getElementById(region.getAttribute('aria-labelledby'))?.textContent,
      regionFocusable: region.tabIndex === 0,
      headers: [...table.tHead.rows[0].cells].map((cell) => [cell.tagName, cell.scope, cell.textContent]),
      rows: [...table.tBodies[0].rows].map((row) => ({
        cells: [...row.cells].map((cell) => cell.querySelector('bdi').textContent),
        rowHeader: row.cells[0].tagName === 'TH' && row.cells[0].scope === 'row',
        current: row.getAttribute('aria-current'),
        note: row.querySelector('.sr-only')?.textContent ?? null,
        marked: getComputedStyle(row.cells[1]).fontWeight,
        background: getComputedStyle(row.cells[1]).backgroundColor,
      })),
    };
  });
}

async function download(target, kind) {
  const [file] = await Promise.all([target.waitForEvent('download'), target.click(`[data-download="${kind}"]`)]);
  return readFile(await file.path(), 'utf8');
}

test('staffing (Erlang C): the per-agent table with the result row marked', async () => {
  await open(page, session.url, { query: 'lang=en', hash: STAFFING_C });
  const table = await readTable(page);
  assert.ok(table, 'a table is shown');
  assert.equal(table.caption, 'Service level by number of agents');
  assert.equal(table.regionLabel, table.caption, 'the scrolling box is named by the caption');
  assert.ok(table.regionFocusable, 'the scrolling box can be scrolled by keyboard');
  assert.deepEqual(table.headers.map(([tag, scope]) => `${tag}/${scope}`), Array(5).fill('TH/col'));
  assert.deepEqual(table.headers.map(([, , text]) => text), ['Agents', 'Service level', 'Average speed of answer', 'Occupancy', 'Probability of waiting']);
  assert.ok(table.rows.length >= 5);
  assert.ok(table.rows.every((row) => row.rowHeader && row.cells.length === 5));
  const current = table.rows.filter((row) => row.current === 'true');
  assert.equal(current.length, 1, 'exactly one row is marked');
  assert.deepEqual(current[0].cells, ['14', '88.8%', '7.84 sec', '71.4%', '17.4%'], 'percent with 1 decimal, seconds humanised, whole agents');
  assert.equal(current[0].note, ' (your result)', 'screen readers hear which row is the result');
  for (const other of table.rows.filter((row) => row.current !== 'true')) {
    assert.equal(other.note, null);
    assert.ok(Number(current[0].marked) > Number(other.marked), 'the marked row is bold');
    assert.notEqual(current[0].background, other.background, 'the marked row is tinted unlike every other row');
  }
  // Minutes where the seconds grow large, as elsewhere on the page.
  assert.match(table.rows[0].cells[2], /min|sec/);
  assert.deepEqual(page.errors, []);
});

test('staffing (Erlang A) adds the abandoned column; given agents mark their own row', async () => {
  await open(page, session.url, { query: 'lang=en', hash: STAFFING_A });
  let table = await readTable(page);
  assert.equal(table.headers.at(-1)[2], 'Abandoned');
  assert.ok(table.rows.every((row) => row.cells.length === 6));
  assert.equal(table.rows.find((row) => row.current === 'true').cells[0], '12');
  await open(page, session.url, { query: 'lang=en', hash: `${STAFFING_C}&i.agents=16` });
  table = await readTable(page);
  assert.deepEqual(table.rows.filter((row) => row.current === 'true').map((row) => row.cells[0]), ['16']);
});

test('numbers in the table follow the language; metrics without a table show none', async () => {
  await open(page, session.url, { query: 'lang=fi', hash: STAFFING_C });
  const finnish = await readTable(page);
  assert.equal(finnish.caption, 'Palvelutaso agenttien määrän mukaan');
  assert.match(finnish.rows.find((row) => row.current === 'true').cells[1], /^88,8\s%$/);
  assert.equal(finnish.rows.find((row) => row.current === 'true').note, ' (tuloksesi)');
  await open(page, session.url, { query: 'lang=ar', hash: STAFFING_C });
  const arabic = await readTable(page);
  assert.equal(arabic.caption, 'مستوى الخدمة حسب عدد الوكلاء');
  assert.doesNotMatch(JSON.stringify(arabic.rows.map((row) => row.cells)), /NaN|undefined|null|—/);
  await open(page, session.url, { query: 'lang=en', hash: 'm=nps&set=counts&i.promoters=70&i.passives=20&i.detractors=10' });
  assert.equal(await readTable(page), null);
});

test('desktop: the table spans the width below the form, never under the sticky result panel', async () => {
  for (const hash of [STAFFING_C, STAFFING_A]) {
    await open(page, session.url, { query: 'lang=en', hash });
    const layout = await page.evaluate(async () => {
      const seen = [];
      const box = document.querySelector('.table-scroll');
      for (let y = 0; y <= document.documentElement.scrollHeight; y += 150) {
        window.scrollTo(0, y);
        await new Promise((resolve) => requestAnimationFrame(resolve));
        const panel = document.querySelector('.result-panel').getBoundingClientRect();
        const table = box.getBoundingClientRect();
        if (panel.bottom > table.top + 1 && panel.top < table.bottom && panel.right > table.left && panel.left < table.right) seen.push(y);
      }
      window.scrollTo(0, 0);
      return { overlaps: seen, scrolls: box.scrollWidth > box.clientWidth, width: box.getBoundingClientRect().width };
    });
    assert.deepEqual(layout.overlaps, [], 'the result panel never covers the table');
    assert.equal(layout.scrolls, false, 'every column fits without scrolling on a desktop');
  }
});

test('phone: the table scrolls sideways inside its box, the page does not', async () => {
  const phone = await session.newPage({ width: 360, height: 780 });
  for (const [lang, hash] of [['en', STAFFING_C], ['en', STAFFING_A], ['ar', STAFFING_A], ['fi', STAFFING_A]]) {
    await open(phone, session.url, { query: `lang=${lang}`, hash });
    const box = await phone.evaluate(() => {
      const region = document.querySelector('.table-scroll');
      const before = region.scrollLeft;
      region.scrollLeft = region.scrollLeft + (document.documentElement.dir === 'rtl' ? -80 : 80);
      const rect = region.getBoundingClientRect();
      return {
        page: document.documentElement.scrollWidth, inner: region.scrollWidth, outer: region.clientWidth,
        moved: region.scrollLeft !== before, left: rect.left, right: rect.right,
      };
    });
    assert.ok(box.page <= 360, `${lang}: the page is ${box.page}px wide on a 360px phone`);
    assert.ok(box.left >= 0 && box.right <= 360, `${lang}: the table box stays on screen`);
    if (box.inner > box.outer) assert.ok(box.moved, `${lang}: the table scrolls within its box`);
  }
  assert.deepEqual(phone.errors, []);
});

test('downloads carry the table: CSV rows per cell, JSON texts, HTML report table', async () => {
  await open(page, session.url, { query: 'lang=en', hash: STAFFING_C });
  const csv = await download(page, 'csv');
  const rows = csv.slice(1).trim().split('\r\n').map((line) => line.split('","').map((cell) => cell.replace(/^"|"$/g, '')));
  const cell = rows.find((row) => row[0] === 'table' && row[1] === 'Service level by number of agents: Agents 14, Service level');
  assert.ok(cell, 'one CSV row per table cell, named by caption, row and column');
  assert.ok(Math.abs(Number(cell[2]) - 88.835) < 0.001, 'the figure as a number');
  assert.equal(cell[3], '88.8%', 'the text as shown');

  // Decimal-comma languages: ';' between cells, ',' decimals, the table named in the language.
  await open(page, session.url, { query: 'lang=fi', hash: STAFFING_C });
  const finnish = (await download(page, 'csv')).slice(1).trim().split('\r\n').map((line) => line.split('";"').map((item) => item.replace(/^"|"$/g, '')));
  const finnishCell = finnish.find((row) => row[0] === 'taulukko' && row[1] === 'Palvelutaso agenttien määrän mukaan: Agentit 14, Palvelutaso');
  assert.ok(finnishCell, 'the Finnish CSV names the cell in Finnish');
  assert.match(finnishCell[2], /^88,83/);
  await open(page, session.url, { query: 'lang=en', hash: STAFFING_C });

  const json = JSON.parse(await download(page, 'json'));
  assert.equal(json.result.tables[0].key, 'chart.staffing_table', 'the core result with its table');
  const texts = json.texts.tables[0];
  assert.equal(texts.caption, 'Service level by number of agents');
  assert.deepEqual(texts.columns, ['Agents', 'Service level', 'Average speed of answer', 'Occupancy', 'Probability of waiting']);
  assert.deepEqual(texts.rows[texts.current_row], ['14', '88.8%', '7.84 sec', '71.4%', '17.4%']);

  const html = await download(page, 'html');
  assert.match(html, /<table class="data"><caption>Service level by number of agents<\/caption>/);
  assert.match(html, /<th scope="col">Probability of waiting<\/th>/);
  assert.match(html, /<tr class="current" aria-current="true"><th scope="row"><bdi>14<\/bdi><span class="sr-only"> \(your result\)<\/span><\/th><td><bdi>88\.8%<\/bdi>/);
  assert.doesNotMatch(html, /<script|<link|src=|url\(/i);
  const report = await session.newPage();
  await report.setContent(html);
  const pdf = await report.pdf({ format: 'A4' });
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  assert.equal(pages, 1, 'chart and table side by side: the staffing report prints on one A4 page');
  await report.context().close();
  assert.deepEqual(page.errors, []);
});
