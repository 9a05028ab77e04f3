// One metric's calculator: the generated form, the live result, sharing and downloads. Mounted
// into any root element with the kpi object (page today; widget later), with no globals.
import { h, clear, uid } from './dom.mjs';
import { renderForm } from './form.mjs';
import {
  buildRequest, hasInputs, findVariant, initialState, stateFromInputs, activeInputs, inputByName,
} from './request.mjs';
import { errorTarget, errorMessage, describe, renderModel, renderTables, summaryText } from './result.mjs';
import { toCsv, toJson, toHtmlReport, saveFile, fileName } from './downloads.mjs';

/**
 * options: {root, kpi, catalogue, i18n, state, shareUrl(state) → string|null,
 *           onChange(state, entry), reportAll() (optional; download-all button),
 *           groupLabel(variantId) (optional; the group named above the title, which may depend on the variant)}.
 * Returns {state, destroy(), current()}.
 */
export function createCalculator(options) {
  const { root, kpi, catalogue, i18n } = options;
  const metric = catalogue.metrics.find((item) => item.id === options.state.metric);
  let state = options.state;
  let form = null;
  let current = null;
  let announceTimer = null;
  let destroyed = false;
  let chartWidth = 0;
  // Charts are drawn at the width they are shown at; a much wider or narrower panel redraws them.
  const resizes = typeof ResizeObserver === 'function' ? new ResizeObserver(() => {
    if (current?.model && Math.abs(resultBody.clientWidth - chartWidth) > 40) compute();
  }) : null;

  const headingId = uid('metric');
  const resultHeadingId = uid('result');
  const inputsHeadingId = uid('inputs');
  const article = h('article', { class: 'metric', 'aria-labelledby': headingId, dataset: { metric: metric.id } });
  const formHolder = h('div', { class: 'form-holder' });
  const resultBody = h('div', { class: 'result-holder' });
  // Tables (staffing by number of agents) go below the inputs and the result, across the whole width,
  // so their columns fit on a desktop; on a phone they scroll sideways inside their own box. They sit
  // outside the workspace grid, which bounds the sticky result panel, so it never covers them.
  const tablesHolder = h('div', { class: 'tables-holder', hidden: true, dataset: { resultTables: '' } });
  const live = h('p', { class: 'sr-only', 'aria-live': 'polite', 'aria-atomic': 'true', dataset: { announce: '' } });
  const actions = h('div', { class: 'actions' });
  const groupText = (variantId) => options.groupLabel?.(variantId)
    ?? i18n.t(catalogue.groups.find((group) => group.id === metric.group)?.label_key ?? '');
  const eyebrow = h('p', { class: 'eyebrow' }, groupText(state.variant));
  const shareInput = h('input', { type: 'text', readonly: true, class: 'share-url', dataset: { shareUrl: '' }, 'aria-label': i18n.t('share.link'), dir: 'ltr' });

  article.append(
    h('header', { class: 'metric-header' },
      eyebrow,
      h('h1', { id: headingId, tabindex: '-1' }, i18n.t(metric.name_key)),
      h('p', { class: 'description' }, i18n.t(metric.description_key))),
    h('div', { class: 'workspace' },
      h('section', { class: 'panel inputs-panel', 'aria-labelledby': inputsHeadingId },
        h('div', { class: 'panel-tools' },
          h('h2', { id: inputsHeadingId }, i18n.t('form.heading')),
          h('span', { class: 'spacer' }),
          h('button', { type: 'button', class: 'secondary', dataset: { action: 'example' }, onclick: fillExample }, i18n.t('form.example')),
          h('button', { type: 'button', class: 'secondary', dataset: { action: 'clear' }, onclick: clearAll }, i18n.t('form.clear'))),
        formHolder),
      h('section', { class: 'panel result-panel', 'aria-labelledby': resultHeadingId },
        h('h2', { id: resultHeadingId }, i18n.t('result.heading')),
        resultBody, live, actions)),
    tablesHolder);
  clear(root).append(article);

  function inputLabel(name) {
    const input = inputByName(findVariant(metric, state.variant), name, state.set);
    return input ? i18n.t(input.label_key) : name;
  }

  function renderActions() {
    const downloads = h('div', { class: 'download-group', role: 'group', 'aria-label': i18n.t('download.heading') },
      h('h3', null, i18n.t('download.heading')),
      h('div', { class: 'button-row' },
        h('button', { type: 'button', dataset: { download: 'csv' }, onclick: () => download('csv') }, i18n.t('download.csv')),
        h('button', { type: 'button', dataset: { download: 'json' }, onclick: () => download('json') }, i18n.t('download.json')),
        h('button', { type: 'button', dataset: { download: 'html' }, onclick: () => download('html') }, i18n.t('download.html')),
        options.reportAll ? h('button', { type: 'button', class: 'secondary', dataset: { download: 'all' }, onclick: () => options.reportAll() }, i18n.t('download.all')) : null));
    const copied = h('span', { class: 'copied', role: 'status' });
    const share = h('div', { class: 'share-group' },
      h('h3', null, i18n.t('share.heading')),
      h('div', { class: 'button-row' }, shareInput,
        h('button', { type: 'button', dataset: { action: 'copy-link' }, onclick: () => copyLink(copied) }, i18n.t('share.copy'))),
      copied,
      h('p', { class: 'hint' }, i18n.t('share.hint')));
    actions.replaceChildren(downloads, share);
  }

  async function copyLink(status) {
    shareInput.select();
    let done = false;
    try {
      await navigator.clipboard.writeText(shareInput.value);
      done = true;
    } catch {
      try { done = document.execCommand('copy'); } catch { done = false; }
    }
    status.textContent = done ? i18n.t('share.copied') : i18n.t('share.select');
  }

  function renderForm_(focusSelector) {
    i18n.currency = state.currency ?? i18n.defaultCurrency ?? i18n.currency;
    form = renderForm({
      i18n, catalogue, metric, state,
      onInput: () => compute(),
      onStructure: (change, selector) => restructure(change, selector),
    });
    formHolder.replaceChildren(form.element);
    if (focusSelector) form.element.querySelector(focusSelector)?.focus();
  }

  function restructure(change, selector) {
    if (change.variant !== undefined && change.variant !== state.variant) {
      // Values of inputs the other variant shares (same name and kind) come along.
      const previous = findVariant(metric, state.variant);
      const next = initialState(metric, change.variant, i18n.locale);
      for (const input of findVariant(metric, change.variant).inputs) {
        const before = previous.inputs.find((item) => item.name === input.name && item.kind === input.kind);
        if (!before) continue;
        for (const side of ['a', 'b']) {
          if (state.values[side][input.name] !== undefined) next.values[side][input.name] = state.values[side][input.name];
        }
        if (state.units[input.name]) next.units[input.name] = state.units[input.name];
      }
      next.currency = state.currency;
      state = next;
      eyebrow.textContent = groupText(state.variant);
    }
    if (change.set !== undefined) state.set = change.set;
    if (change.compare !== undefined) state.compare = change.compare;
    renderForm_(selector);
    compute();
  }

  function compute() {
    if (destroyed) return;
    const variant = findVariant(metric, state.variant);
    i18n.currency = state.currency ?? i18n.defaultCurrency ?? i18n.currency;
    form.clearErrors();
    const { kind, request } = buildRequest(catalogue, state, i18n.locale);
    let response = null;
    let errorText = '';
    if (!hasInputs(variant, state)) {
      current = { kind, request, response: null, model: null };
      resultBody.replaceChildren(h('p', { class: 'result-empty' }, i18n.t('result.empty')));
      showTables([]);
      live.textContent = '';
      notify(null);
      return;
    }
    try {
      response = kind === 'compare' ? kpi.compare(request) : kpi.compute(request);
    } catch (problem) {
      response = { ok: false, error: { code: 'internal', field: '', message: String(problem?.message ?? problem) } };
    }
    if (!response?.ok) {
      const error = response?.error ?? { code: 'internal', field: '' };
      const target = errorTarget(error, variant, kind, response ?? {}, state.set);
      errorText = errorMessage(error, target, variant, i18n, request);
      const missing = error.code === 'input.missing';
      form.showError(target, errorText, missing);
    }
    const model = describe({ i18n, metric, variant, kind, request, response, errorText, version: kpi.version, set: state.set, units: state.units });
    current = { kind, request, response, model };
    chartWidth = resultBody.clientWidth;
    resultBody.replaceChildren(renderModel(model, i18n, { i18n, inputLabel, width: chartWidth || undefined }));
    showTables(renderTables(model));
    clearTimeout(announceTimer);
    announceTimer = setTimeout(() => { live.textContent = summaryText(model, i18n); }, 700);
    notify(model);
  }

  function showTables(elements) {
    tablesHolder.replaceChildren(...elements);
    tablesHolder.hidden = elements.length === 0;
  }

  function notify(model) {
    const url = options.shareUrl ? options.shareUrl(state) : null;
    if (url) shareInput.value = url;
    options.onChange?.(state, model ? { model, chartContext: { i18n, inputLabel } } : null);
    // Nothing to download before anything is typed; the visit report needs one filled-in metric.
    for (const button of actions.querySelectorAll('[data-download]')) {
      button.disabled = button.dataset.download === 'all' ? (options.reportCount?.() ?? 1) === 0 : !model;
    }
  }

  function download(type) {
    if (!current?.model) return;
    const { model } = current;
    if (type === 'csv') saveFile(fileName(metric.id, 'csv'), toCsv(model, i18n), 'text/csv;charset=utf-8');
    else if (type === 'json') saveFile(fileName(metric.id, 'json'), toJson(model), 'application/json');
    else saveFile(fileName(metric.id, 'html'), toHtmlReport([model], i18n, [{ i18n, inputLabel }]), 'text/html;charset=utf-8');
  }

  function fillExample() {
    const variant = findVariant(metric, state.variant);
    const example = variant.examples[0];
    if (!example) return;
    const next = stateFromInputs(metric, variant.id, example.inputs, example.options, i18n.locale);
    next.currency = state.currency;
    next.compare = false;
    state = next;
    renderForm_();
    compute();
    form.element.querySelector('input:not([type=radio]):not([type=checkbox]), textarea')?.focus();
  }

  function clearAll() {
    const next = initialState(metric, state.variant, i18n.locale);
    next.set = state.set;
    next.currency = state.currency;
    next.compare = state.compare;
    state = next;
    renderForm_();
    compute();
  }

  renderActions();
  renderForm_();
  compute();
  resizes?.observe(resultBody);

  return {
    get state() { return state; },
    current: () => current,
    focusHeading: () => article.querySelector('h1')?.focus(),
    destroy() {
      destroyed = true;
      resizes?.disconnect();
      clearTimeout(announceTimer);
      clear(root);
    },
    hasExample: () => activeInputs(findVariant(metric, state.variant), state.set).length > 0,
  };
}
