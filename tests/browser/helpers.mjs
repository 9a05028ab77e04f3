// Shared helpers for the browser tests: one static server and one headless Chromium (Debian's, no
// download) per test file, and a way to type a catalogue example into the generated form.
import { chromium } from 'playwright-core';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mkdirSync } from 'node:fs';
import { serve } from '../../scripts/serve.mjs';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const dist = process.env.SKPI_DIST ?? join(root, 'dist');
export const artifacts = join(root, 'tests', 'browser', 'artifacts');
mkdirSync(artifacts, { recursive: true });

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

/** Starts the server and the browser; returns {url, browser, newPage(options), close()}. */
export async function start() {
  const { server, url } = await serve(dist, 0, { quiet: true });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const pages = [];
  return {
    url,
    browser,
    /** A page in a fresh context (no shared state), collecting page errors. */
    async newPage({ width = 1280, height = 900, locale = 'en-US', bypassCSP = false } = {}) {
      // bypassCSP only for injecting axe-core: the page's CSP forbids inline scripts.
      const context = await browser.newContext({ viewport: { width, height }, locale, acceptDownloads: true, bypassCSP });
      const page = await context.newPage();
      page.errors = [];
      page.on('pageerror', (error) => page.errors.push(error.message));
      page.on('console', (message) => { if (message.type() === 'error') page.errors.push(message.text()); });
      pages.push(context);
      return page;
    },
    async close() {
      for (const context of pages) await context.close().catch(() => {});
      await browser.close();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** Opens the page at a fragment (and optional query) and waits until the app is mounted. */
export async function open(page, url, { hash = '', query = '' } = {}) {
  // A real load each time: going to the same address with another fragment would not reload.
  if (page.url() !== 'about:blank') await page.goto('about:blank');
  await page.goto(`${url}${query ? `?${query}` : ''}${hash ? `#${hash}` : ''}`);
  await page.waitForSelector('#app[data-ready="true"]', { timeout: 15000 });
}

/** Goes to a metric within the running page (hash navigation, no reload) and clears the form. */
export async function gotoMetric(page, metric, variant) {
  await page.evaluate(([m, v]) => { location.hash = `m=${m}${v ? `&v=${v}` : ''}`; }, [metric, variant]);
  await page.waitForSelector(`article.metric[data-metric="${metric}"]`);
  if (variant) {
    const radio = page.locator(`[data-variant="${variant}"]`);
    if (await radio.count()) await radio.check();
  }
  await page.click('[data-action="clear"]');
}

export async function catalogue(page) {
  return page.evaluate(async () => (await (await import('./servicekpi.mjs')).load()).catalogue());
}

function text(value, decimalComma) {
  const out = String(value);
  return decimalComma ? out.replace('.', ',') : out;
}

/**
 * Types an example's inputs and options through the form, as a person would, in core units:
 * duration fields are switched to seconds first. decimalComma: type "2,5" instead of "2.5".
 */
export async function typeInputs(page, variant, inputs, options = {}, { side = 'a', decimalComma = false } = {}) {
  const names = Object.keys(inputs);
  const score = (item) => names.filter((name) => item.inputs.includes(name)).length;
  const set = [...variant.input_sets].sort((x, y) => score(y) - score(x))[0];
  if (set && variant.input_sets.length > 1) await page.locator(`[data-set="${set.id}"]`).check();
  for (const [name, value] of Object.entries(options ?? {})) {
    const option = variant.options.find((item) => item.name === name);
    const control = page.locator(`[data-option="${name}"]`);
    if (option.kind === 'choice') await control.selectOption(String(value));
    else {
      if (option.unit === 'seconds') await page.locator(`[data-unit-for="option.${name}"]`).selectOption('s');
      await control.fill(text(value, decimalComma));
    }
  }
  const scope = `.side[data-side="${side}"]`;
  for (const [name, value] of Object.entries(inputs)) {
    const input = variant.inputs.find((item) => item.name === name);
    if (['seconds', 'seconds_list'].includes(input.kind)) await page.locator(`${scope} [data-unit-for="${name}"]`).selectOption('s');
    const field = `${scope} [data-field="${name}"]`;
    if (input.kind === 'count_list') {
      const cells = page.locator(field);
      if (await cells.count() === value.length && (await cells.first().getAttribute('data-index')) !== null) {
        for (let index = 0; index < value.length; index += 1) await page.fill(`${field}[data-index="${index}"]`, text(value[index], decimalComma));
      } else await page.fill(field, value.map((item) => text(item, decimalComma)).join(' '));
    } else if (input.kind === 'score_table') {
      const rows = Array.isArray(value[0]) ? value : [value];
      await page.fill(field, rows.map((row) => row.map((item) => text(item, decimalComma)).join(' ')).join('\n'));
    } else if (input.kind === 'component_list') {
      while (await page.locator(`${field}[data-key="name"]`).count() < value.length) await page.click(`${scope} [data-add="${name}"]`);
      for (let index = 0; index < value.length; index += 1) {
        for (const [key, cell] of Object.entries(value[index])) await page.fill(`${field}[data-index="${index}"][data-key="${key}"]`, text(cell, decimalComma));
      }
    } else if (Array.isArray(value)) {
      await page.fill(field, value.map((item) => text(item, decimalComma)).join(' '));
    } else {
      await page.fill(field, text(value, decimalComma));
    }
  }
}

/** The displayed result: the text of the main value, its unit label and the raw value behind it. */
export async function readResult(page) {
  await page.waitForTimeout(30);
  return page.evaluate(() => {
    const output = document.querySelector('[data-result-value]');
    const panel = document.querySelector('.result-holder');
    return {
      text: output?.textContent ?? null,
      raw: output ? Number(output.dataset.value) : null,
      unit: output?.dataset.unit ?? null,
      panel: panel?.innerText ?? '',
      error: document.querySelector('[data-result-error]')?.textContent ?? null,
    };
  });
}

const DURATION_WORDS = [[/\b(sec|s)\b/, 1], [/\bmin\b/, 60], [/\b(hr|h)\b/, 3600], [/\b(days?|d)\b/, 86400]];

/** Reads a figure as a person would from an English display text ("2.5 min", "$1,920.00", "60%"). */
export function figure(text, unit) {
  const match = /-?[\d,]*\.?\d+/.exec(String(text).replace(/\u2212/g, '-'));
  if (!match) return NaN;
  let value = Number(match[0].replace(/,/g, ''));
  if (unit === 'seconds') {
    const found = DURATION_WORDS.find(([pattern]) => pattern.test(text));
    value *= found ? found[1] : 1;
  }
  return value;
}

/** Decimal places shown in a display text ("83.33%" → 2). */
export function shownDecimals(text) {
  const match = /\.(\d+)/.exec(String(text).replace(/,/g, ''));
  return match ? match[1].length : 0;
}
