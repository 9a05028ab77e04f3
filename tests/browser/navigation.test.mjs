// The navigation follows the catalogue's entries: Staffing lists Erlang C/A and Erlang B (the
// blocking metric's erlang_b variant) while observed blocking stays under Operations. An entry with
// a variant opens that variant and its link says so; exactly one link is highlighted, the one the
// metric and variant on screen belong to, also after switching the method in the form.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, open, catalogue, readResult } from './helpers.mjs';

let session;
let page;
let cat;

before(async () => {
  session = await start();
  page = await session.newPage();
  await open(page, session.url, { query: 'lang=en', hash: 'm=nps' });
  cat = await catalogue(page);
});
after(async () => session?.close());

/** The links of the navigation, by group, and which one is current. */
function navState(target) {
  return target.evaluate(() => ({
    groups: [...document.querySelectorAll('.site-nav .nav-group')].map((group) => ({
      heading: group.querySelector('h2').textContent,
      links: [...group.querySelectorAll('a')].map((link) => ({ nav: link.dataset.nav, text: link.textContent, href: link.getAttribute('href') })),
    })),
    current: [...document.querySelectorAll('.site-nav [aria-current="page"]')].map((link) => link.dataset.nav),
    eyebrow: document.querySelector('.metric-header .eyebrow')?.textContent ?? null,
    variant: document.querySelector('[data-variant]:checked')?.dataset.variant ?? null,
    hash: location.hash,
    title: document.title,
  }));
}

test('the navigation lists the catalogue entries, Erlang B under Staffing with its variant in the link', async () => {
  const shown = await navState(page);
  const texts = cat.texts;
  assert.deepEqual(shown.groups.map((group) => group.heading), cat.groups.map((group) => texts[group.label_key]));
  for (const [index, group] of cat.groups.entries()) {
    assert.deepEqual(shown.groups[index].links.map((link) => link.text),
      group.entries.map((entry) => texts[entry.label_key]), `${group.id}: the entries in catalogue order`);
  }
  const staffing = shown.groups[cat.groups.findIndex((group) => group.id === 'staffing')].links;
  assert.deepEqual(staffing.map((link) => link.nav), ['staffing', 'blocking/erlang_b']);
  assert.equal(staffing[1].text, 'Erlang B: lines and blocking');
  assert.equal(staffing[1].href, '#m=blocking&v=erlang_b');
  const operations = shown.groups[cat.groups.findIndex((group) => group.id === 'operations')].links;
  const blocking = operations.find((link) => link.nav === 'blocking');
  assert.equal(blocking.text, 'Blocked contacts');
  assert.equal(blocking.href, '#m=blocking');
  assert.deepEqual(shown.current, ['nps']);
});

test('Erlang B opens blocking with the Erlang B method and is the highlighted entry', async () => {
  await page.click('[data-nav="blocking/erlang_b"]');
  await page.waitForSelector('article.metric[data-metric="blocking"]');
  let shown = await navState(page);
  assert.equal(shown.variant, 'erlang_b', 'the Erlang B method is selected');
  assert.match(shown.hash, /^#m=blocking&v=erlang_b/, 'the address holds the variant');
  assert.deepEqual(shown.current, ['blocking/erlang_b'], 'only the Staffing entry is highlighted');
  assert.equal(shown.eyebrow, 'Staffing');
  assert.match(shown.title, /^Erlang B: lines and blocking — ServiceKPI$/);
  await page.fill('[data-field="traffic_erlangs"]', '10');
  await page.fill('[data-field="lines"]', '15');
  assert.ok(Math.abs((await readResult(page)).raw - 3.6497) < 1e-3);

  // Operations → Blocked contacts: the observed method, highlighted under Operations.
  await page.click('[data-nav="blocking"]');
  await page.waitForFunction(() => document.querySelector('[data-variant]:checked')?.dataset.variant === 'observed');
  shown = await navState(page);
  assert.match(shown.hash, /^#m=blocking&v=observed/);
  assert.deepEqual(shown.current, ['blocking']);
  assert.equal(shown.eyebrow, 'Operations');
  assert.match(shown.title, /^Blocked contacts — ServiceKPI$/);
  await page.fill('[data-field="blocked"]', '30');
  await page.fill('[data-field="offered"]', '1200');
  assert.equal((await readResult(page)).raw, 2.5);

  // Each entry keeps its own numbers during the visit.
  await page.click('[data-nav="blocking/erlang_b"]');
  await page.waitForFunction(() => document.querySelector('[data-variant]:checked')?.dataset.variant === 'erlang_b');
  assert.equal(await page.inputValue('[data-field="lines"]'), '15');
  await page.click('[data-nav="blocking"]');
  await page.waitForFunction(() => document.querySelector('[data-variant]:checked')?.dataset.variant === 'observed');
  assert.equal(await page.inputValue('[data-field="offered"]'), '1200');
});

test('switching the method in the form moves the highlight between Operations and Staffing', async () => {
  await open(page, session.url, { query: 'lang=en', hash: 'm=blocking' });
  assert.deepEqual((await navState(page)).current, ['blocking']);
  await page.check('[data-variant="erlang_b"]');
  let shown = await navState(page);
  assert.deepEqual(shown.current, ['blocking/erlang_b']);
  assert.equal(shown.eyebrow, 'Staffing');
  assert.match(shown.hash, /v=erlang_b/);
  await page.check('[data-variant="observed"]');
  shown = await navState(page);
  assert.deepEqual(shown.current, ['blocking']);
  assert.equal(shown.eyebrow, 'Operations');
});

test('a shared Erlang B link opens highlighted under Staffing, in every language', async () => {
  for (const lang of ['en', 'ar', 'fi']) {
    await open(page, session.url, { query: `lang=${lang}`, hash: 'm=blocking&v=erlang_b&i.traffic_erlangs=10&i.lines=15' });
    const shown = await navState(page);
    assert.deepEqual(shown.current, ['blocking/erlang_b'], lang);
    assert.equal(shown.variant, 'erlang_b');
    assert.ok((await readResult(page)).raw > 3.6);
  }
  await open(page, session.url, { query: 'lang=en', hash: 'm=staffing' });
  assert.deepEqual((await navState(page)).current, ['staffing']);
  await open(page, session.url, { query: 'lang=en', hash: 'view=formulas' });
  assert.deepEqual((await navState(page)).current, ['formulas']);
  await open(page, session.url, { query: 'lang=en' });
  assert.deepEqual((await navState(page)).current, []);
});

test('the home page lists the same entries; the phone menu closes after choosing Erlang B', async () => {
  await open(page, session.url, { query: 'lang=en' });
  const cards = await page.$$eval('.home-group', (groups) => groups.map((group) => [...group.querySelectorAll('.card a')].map((link) => link.getAttribute('href'))));
  assert.deepEqual(cards.at(-1), ['#m=staffing', '#m=blocking&v=erlang_b']);
  const phone = await session.newPage({ width: 360, height: 740 });
  await open(phone, session.url, { query: 'lang=en', hash: 'm=nps' });
  await phone.click('[data-nav-toggle]');
  await phone.focus('[data-nav="blocking/erlang_b"]');
  await phone.keyboard.press('Enter');
  await phone.waitForFunction(() => document.querySelector('[data-variant]:checked')?.dataset.variant === 'erlang_b');
  assert.equal(await phone.getAttribute('[data-nav-toggle]', 'aria-expanded'), 'false');
  assert.equal(await phone.isVisible('[data-nav="blocking/erlang_b"]'), false, 'the menu is closed');
  assert.deepEqual(phone.errors, []);
});

test('no page errors', () => {
  assert.deepEqual(page.errors, []);
});
