// axe-core finds no accessibility violations on any metric page (with a result and its chart
// shown), the home page and the formulas reference, in English and in Arabic (right to left),
// at desktop and phone widths.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { start, open, root, catalogue } from './helpers.mjs';

const AXE = join(root, 'node_modules', 'axe-core', 'axe.min.js');
let session;
let page;
let cat;

before(async () => {
  session = await start();
  page = await session.newPage({ bypassCSP: true });
  await open(page, session.url, { query: 'lang=en', hash: 'm=nps' });
  cat = await catalogue(page);
});
after(async () => session?.close());

async function violations(target, selector = null) {
  if (!(await target.evaluate(() => typeof window.axe === 'object'))) await target.addScriptTag({ path: AXE });
  // Per metric only the main area changes; the whole document is checked once per language.
  const result = await target.evaluate((within) => window.axe.run(within ? document.querySelector(within) : document, { resultTypes: ['violations'] }), selector);
  return result.violations.map((violation) => `${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes.slice(0, 3).map((node) => node.target.join(' ')).join(' | ')}`);
}

for (const lang of ['en', 'ar']) {
  test(`${lang}: no axe violations on any metric page, with the worked example filled in`, async (t) => {
    await open(page, session.url, { query: `lang=${lang}`, hash: 'm=nps' });
    for (const metric of cat.metrics) {
      for (const variant of metric.variants) {
        await t.test(`${metric.id}/${variant.id}`, async () => {
          await page.evaluate(([m, v]) => { location.hash = `m=${m}&v=${v}`; }, [metric.id, variant.id]);
          await page.waitForSelector(`article.metric[data-metric="${metric.id}"]`);
          if (variant.examples.length) await page.click('[data-action="example"]');
          assert.deepEqual(await violations(page, metric === cat.metrics[0] ? null : 'main'), []);
        });
      }
    }
  });

  test(`${lang}: no axe violations on the home page, the formulas view, an error and compare mode`, async () => {
    await open(page, session.url, { query: `lang=${lang}` });
    assert.deepEqual(await violations(page), [], 'home');
    await open(page, session.url, { query: `lang=${lang}`, hash: 'view=formulas' });
    assert.deepEqual(await violations(page), [], 'formulas');
    await open(page, session.url, { query: `lang=${lang}`, hash: 'm=nps&set=counts&i.promoters=-1&i.passives=2&i.detractors=3' });
    assert.deepEqual(await violations(page), [], 'error shown');
    await open(page, session.url, { query: `lang=${lang}`, hash: 'm=nps&set=counts&cmp=1&i.promoters=50&i.passives=30&i.detractors=20&b.promoters=60&b.passives=25&b.detractors=15' });
    assert.deepEqual(await violations(page), [], 'compare');
  });
}

test('phone width: no axe violations, no sideways scrolling, the menu opens by keyboard', async () => {
  const phone = await session.newPage({ width: 360, height: 740, bypassCSP: true });
  for (const lang of ['en', 'ar']) {
    await open(phone, session.url, { query: `lang=${lang}`, hash: 'm=nps' });
    for (const metric of cat.metrics) {
      await phone.evaluate((m) => { location.hash = `m=${m}`; }, metric.id);
      await phone.waitForSelector(`article.metric[data-metric="${metric.id}"]`);
      if (metric.variants.some((variant) => variant.examples.length)) await phone.click('[data-action="example"]');
      const width = await phone.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= 360, `${lang} ${metric.id}: the page is ${width}px wide on a 360px phone`);
    }
    assert.deepEqual(await violations(phone), [], `${lang} phone`);
    await phone.focus('[data-nav-toggle]');
    await phone.keyboard.press('Enter');
    assert.equal(await phone.getAttribute('[data-nav-toggle]', 'aria-expanded'), 'true');
    assert.ok(await phone.isVisible('[data-nav="nps"]'), 'the metric list is shown');
  }
});
