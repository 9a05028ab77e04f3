// Private by construction: after the page has loaded, using it (typing, switching metrics and
// languages, comparing, the formulas view, every download) makes no network request at all.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, open } from './helpers.mjs';

let session;
before(async () => { session = await start(); });
after(async () => session?.close());

test('no network request after load', async () => {
  const page = await session.newPage();
  const requests = [];
  let loaded = false;
  page.on('request', (request) => requests.push({ url: request.url(), afterLoad: loaded }));
  page.on('websocket', (socket) => requests.push({ url: socket.url(), afterLoad: loaded }));
  const wasmTypes = [];
  page.on('response', (response) => { if (new URL(response.url()).pathname.endsWith('/servicekpi.wasm')) wasmTypes.push(response.headers()['content-type']); });
  await open(page, session.url, { query: 'lang=en', hash: 'm=nps' });
  await page.waitForLoadState('networkidle');
  loaded = true;
  const origin = new URL(session.url).origin;
  const beforeLoad = requests.filter((request) => !request.afterLoad);
  for (const request of beforeLoad) assert.ok(request.url.startsWith(origin) || request.url.startsWith('data:'), `only own files are loaded: ${request.url}`);
  // The wasm is fetched once, beside the module, as application/wasm (so it is compiled as it streams).
  assert.deepEqual(wasmTypes, ['application/wasm']);

  await page.fill('[data-field="promoters"]', '70');
  await page.fill('[data-field="passives"]', '20');
  await page.fill('[data-field="detractors"]', '10');
  for (const kind of ['csv', 'json', 'html', 'all']) {
    await Promise.all([page.waitForEvent('download'), page.click(`[data-download="${kind}"]`)]);
  }
  await page.click('[data-action="copy-link"]');
  await page.check('[data-compare]');
  await page.click('[data-nav="csat"]');
  await page.click('[data-action="example"]');
  await page.selectOption('[data-language]', 'ar');
  await page.selectOption('[data-language]', 'fi');
  await page.evaluate(() => { location.hash = 'view=formulas'; });
  await page.waitForSelector('.formula-card');
  await page.goBack();
  await page.waitForTimeout(300);

  const after = requests.filter((request) => request.afterLoad && !request.url.startsWith('blob:') && !request.url.startsWith('data:'));
  assert.deepEqual(after, [], 'no request leaves the page after load');
  assert.deepEqual(page.errors, []);
});

test('a server that sends the wasm with another content type still works (compiled after the download)', async () => {
  const page = await session.newPage();
  const { readFile } = await import('node:fs/promises');
  const { join } = await import('node:path');
  const { dist } = await import('./helpers.mjs');
  const body = await readFile(join(dist, 'servicekpi.wasm'));
  await page.route('**/servicekpi.wasm', (route) => route.fulfill({ status: 200, contentType: 'application/octet-stream', body }));
  await open(page, session.url, { query: 'lang=en', hash: 'm=nps&set=counts&i.promoters=70&i.passives=20&i.detractors=10' });
  assert.equal(await page.getAttribute('[data-result-value]', 'data-value'), '60', 'the wasm core computes');
  assert.deepEqual(page.errors, []);
});

test('dist/ works as copied to a static host under a path prefix', async () => {
  const { mkdtemp, cp, rm } = await import('node:fs/promises');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { serve } = await import('../../scripts/serve.mjs');
  const { dist } = await import('./helpers.mjs');
  const host = await mkdtemp(join(tmpdir(), 'skpi-host-'));
  await cp(dist, join(host, 'tools', 'kpi'), { recursive: true });
  const { server, url } = await serve(host, 0, { quiet: true });
  try {
    const page = await session.newPage();
    const failed = [];
    page.on('response', (response) => { if (response.status() >= 400) failed.push(response.url()); });
    await page.goto(`${url}tools/kpi/?lang=ro#m=nps&set=counts&i.promoters=70&i.passives=20&i.detractors=10`);
    await page.waitForSelector('#app[data-ready="true"]');
    assert.equal(await page.getAttribute('[data-result-value]', 'data-value'), '60');
    assert.deepEqual(failed, []);
    assert.deepEqual(page.errors, []);
  } finally {
    server.close();
    await rm(host, { recursive: true, force: true });
  }
});
