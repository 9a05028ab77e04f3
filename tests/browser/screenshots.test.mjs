// Screenshots kept as test artefacts (tests/browser/artifacts/, git-ignored) for people to look at:
// desktop and phone widths, English and Arabic, a result with its chart, an error, the reference.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { start, open, artifacts } from './helpers.mjs';

let session;
before(async () => { session = await start(); });
after(async () => session?.close());

// [name, fragment, devices/languages it is taken for ('' = all)]
const SHOTS = [
  ['nps', 'm=nps&set=counts&i.promoters=70&i.passives=20&i.detractors=10', ''],
  ['error', 'm=nps&set=counts&i.promoters=70&i.passives=-2&i.detractors=10', ''],
  ['compare', 'm=nps&set=counts&cmp=1&i.promoters=500&i.passives=300&i.detractors=200&b.promoters=600&b.passives=250&b.detractors=150', ''],
  ['csat-distribution', 'm=csat&set=distribution&i.counts=%5B%222%22%2C%223%22%2C%225%22%2C%2220%22%2C%2230%22%5D', 'desktop-en desktop-ar'],
  ['engagement', 'm=engagement&i.components=%5B%5B%22loyalty%22%2C%221%22%2C%22%22%2C%22400%22%2C%222000%22%5D%2C%5B%22training%22%2C%221%22%2C%22%22%2C%22300%22%2C%222000%22%5D%5D', 'desktop-en phone-en'],
  ['formulas', 'view=formulas', 'desktop-en desktop-ar'],
  ['home', '', 'desktop-en phone-ar'],
  // Erlang B is listed under Staffing; its page and the highlighted entry.
  ['erlang-b', 'm=blocking&v=erlang_b&i.traffic_erlangs=10&i.lines=15', ''],
  ['staffing-erlang-a', 'm=staffing&v=erlang_a&i.contacts=100&i.aht_seconds=180&i.interval_seconds=1800&i.target_percent=80&i.target_seconds=20&i.patience_seconds=60', ''],
];
// Metrics shown with their worked example.
const EXAMPLES = [['staffing', ''], ['aht', 'desktop-en phone-ar'], ['clv', 'desktop-ar phone-en']];
const wanted = (which, device, lang) => !which || which.split(' ').includes(`${device}-${lang}`);

for (const [device, width, height] of [['desktop', 1280, 900], ['phone', 360, 780]]) {
  for (const lang of ['en', 'ar']) {
    test(`screenshots: ${device}, ${lang}`, async () => {
      const page = await session.newPage({ width, height });
      for (const [name, hash, which] of SHOTS) {
        if (!wanted(which, device, lang)) continue;
        await open(page, session.url, { query: `lang=${lang}`, hash });
        await page.waitForTimeout(100);
        await page.screenshot({ path: join(artifacts, `${device}-${lang}-${name}.png`), fullPage: name !== 'formulas' });
      }
      for (const [metric, which] of EXAMPLES) {
        if (!wanted(which, device, lang)) continue;
        await open(page, session.url, { query: `lang=${lang}`, hash: `m=${metric}` });
        if (!(await page.locator(`article.metric[data-metric="${metric}"]`).count())) continue;
        if (await page.locator('[data-action="example"]').count()) await page.click('[data-action="example"]');
        await page.screenshot({ path: join(artifacts, `${device}-${lang}-${metric}.png`), fullPage: true });
      }
      if (device === 'phone') {
        await open(page, session.url, { query: `lang=${lang}`, hash: 'm=nps' });
        await page.click('[data-nav-toggle]');
        await page.screenshot({ path: join(artifacts, `${device}-${lang}-menu.png`) });
        // The whole open menu on the Erlang B page: the highlighted entry sits under Staffing.
        await open(page, session.url, { query: `lang=${lang}`, hash: 'm=blocking&v=erlang_b' });
        await page.click('[data-nav-toggle]');
        await page.screenshot({ path: join(artifacts, `${device}-${lang}-menu-erlang-b.png`), fullPage: true });
      }
      assert.deepEqual(page.errors, []);
    });
  }
}
