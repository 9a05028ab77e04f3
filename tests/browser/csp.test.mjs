// The Content-Security-Policy is strict (connect-src 'self', no data:, no inline scripts) and the
// page breaks none of it: loading the wasm (fetched from beside the module), computing, the table, switching languages, the
// formulas view and every download raise no `securitypolicyviolation` event and no console message
// about the policy. A deliberate fetch of a data: URL proves the listener would see one.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, open } from './helpers.mjs';

let session;
before(async () => { session = await start(); });
after(async () => session?.close());

/** A page that records CSP violations (from the first script on) and every console message. */
async function watchedPage(options) {
  const page = await session.newPage(options);
  page.violations = [];
  page.messages = [];
  await page.exposeBinding('skpiReportViolation', (source, violation) => { page.violations.push(violation); });
  // Init scripts run before the page's own and are not subject to its policy.
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      window.skpiReportViolation({ directive: event.effectiveDirective, blocked: event.blockedURI, source: event.sourceFile, line: event.lineNumber });
    }, true);
  });
  page.on('console', (message) => page.messages.push(`${message.type()}: ${message.text()}`));
  return page;
}

const POLICY_MESSAGE = /Content[- ]Security[- ]Policy|Refused to/i;

test('the policy allows connections to the page itself only', async () => {
  const page = await watchedPage();
  await open(page, session.url, { query: 'lang=en' });
  const policy = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
  const directives = Object.fromEntries(policy.split(';').map((part) => part.trim().split(/\s+/)).filter((part) => part[0]).map(([name, ...values]) => [name, values]));
  assert.deepEqual(directives['connect-src'], ["'self'"]);
  assert.deepEqual(directives['script-src'], ["'self'", "'wasm-unsafe-eval'"]);
  assert.deepEqual(directives['object-src'], ["'none'"]);
  assert.deepEqual(page.violations, []);
});

test('loading, computing, switching and downloading raise no CSP violation', async () => {
  for (const [width, height] of [[1280, 900], [360, 780]]) {
    const page = await watchedPage({ width, height });
    await open(page, session.url, { query: 'lang=en', hash: 'm=nps&set=counts&i.promoters=70&i.passives=20&i.detractors=10' });
    assert.equal(await page.getAttribute('[data-result-value]', 'data-value'), '60', 'the wasm core computes');
    await page.evaluate(() => { location.hash = 'm=staffing&v=erlang_a'; });
    await page.waitForSelector('article.metric[data-metric="staffing"]');
    await page.click('[data-action="example"]');
    await page.waitForSelector('table.result-table');
    for (const kind of ['csv', 'json', 'html', 'all']) {
      await Promise.all([page.waitForEvent('download'), page.click(`[data-download="${kind}"]`)]);
    }
    await page.evaluate(() => { location.hash = 'm=blocking&v=erlang_b&i.traffic_erlangs=10&i.lines=15'; });
    await page.waitForSelector('[data-result-value]');
    await page.selectOption('[data-language]', 'ar');
    await page.selectOption('[data-language]', 'fi');
    await page.evaluate(() => { location.hash = 'view=formulas'; });
    await page.waitForSelector('.formula-card');
    await page.waitForTimeout(200);
    assert.deepEqual(page.violations, [], `${width}px: no securitypolicyviolation event`);
    assert.deepEqual(page.messages.filter((message) => POLICY_MESSAGE.test(message)), [], `${width}px: no console message about the policy`);
    assert.deepEqual(page.errors, []);
  }
});

test('the listener sees a violation when there is one (a fetch of a data: URL)', async () => {
  const page = await watchedPage();
  await open(page, session.url, { query: 'lang=en', hash: 'm=nps' });
  const fetched = await page.evaluate(() => fetch('data:application/octet-stream;base64,AGFzbQ==').then(() => 'loaded', () => 'refused'));
  assert.equal(fetched, 'refused');
  await page.waitForFunction(() => true);
  for (let wait = 0; wait < 20 && !page.violations.length; wait += 1) await page.waitForTimeout(50);
  assert.equal(page.violations[0]?.directive, 'connect-src');
  assert.ok(page.messages.some((message) => POLICY_MESSAGE.test(message)), 'the console names the policy');
});
