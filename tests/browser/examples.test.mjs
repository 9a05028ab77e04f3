// Every worked example of the catalogue, typed into the generated form as a person would, must
// show the figure the specification states (and its interval where the spec gives one).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, open, gotoMetric, catalogue, typeInputs, readResult, figure, shownDecimals } from './helpers.mjs';

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

test('the catalogue lists the four groups and every metric appears in the navigation', async () => {
  assert.deepEqual(cat.groups.map((group) => group.id), ['experience', 'retention', 'operations', 'staffing']);
  const linked = await page.$$eval('[data-nav]', (links) => links.map((link) => link.dataset.nav));
  for (const metric of cat.metrics) assert.ok(linked.includes(metric.id), `${metric.id} is in the navigation`);
});

test('every worked example, entered through the form, shows the stated figure', async (t) => {
  for (const metric of cat.metrics) {
    for (const variant of metric.variants) {
      for (const example of variant.examples) {
        await t.test(`${metric.id}/${variant.id}: ${example.name}`, async () => {
          await gotoMetric(page, metric.id, metric.variants.length > 1 ? variant.id : undefined);
          await typeInputs(page, variant, example.inputs, example.options);
          const result = await readResult(page);
          assert.equal(result.error, null, `no error (got: ${result.error})`);
          assert.ok(result.text, 'a value is displayed');
          assert.doesNotMatch(result.panel, /NaN|Infinity|undefined/);
          // The raw value behind the display matches the spec to the precision it states.
          assert.ok(Math.abs(result.raw - example.value) <= 0.5 * 10 ** -example.decimals + 1e-9,
            `raw ${result.raw} ≈ ${example.value}`);
          // And the figure a person reads agrees with it to the precision shown.
          const shown = figure(result.text, result.unit);
          const scale = result.unit === 'seconds' ? Math.max(1, shown / Math.max(1e-9, figure(result.text, 'count'))) : 1;
          const tolerance = 0.5 * 10 ** -Math.min(shownDecimals(result.text), example.decimals) * scale + 1e-9;
          assert.ok(Math.abs(shown - example.value) <= tolerance, `displayed "${result.text}" reads as ${shown}, expected ${example.value}`);
          if (example.ci) {
            const low = example.ci.low.toFixed(1);
            const high = example.ci.high.toFixed(1);
            assert.match(result.panel, new RegExp(`${low}.*${high}`), `interval ${low} to ${high} is shown`);
          }
        });
      }
    }
  }
});

test('no page errors while entering the examples', () => {
  assert.deepEqual(page.errors, []);
});
