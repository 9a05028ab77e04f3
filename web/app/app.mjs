// The page: header with the language switch, navigation grouped as in the catalogue, and the view
// chosen by the URL fragment (home, one metric's calculator, or formulas and definitions).
// mountApp(root, {kpi, translations}) keeps everything inside root; the only window state it
// touches is the URL (fragment for the state, ?lang= for the language) and the document language.
import { h, clear, uid } from './dom.mjs';
import { LANGUAGES, DEFAULT_CURRENCY, createI18n, pickLanguage } from './i18n.mjs';
import { createCalculator } from './calculator.mjs';
import { renderFormulas } from './formulas.mjs';
import { parseFragment, stateToFragment, fragmentToState, fragmentHasState } from './share.mjs';
import { buildRequest, findVariant, hasInputs, inputByName } from './request.mjs';
import { describe } from './result.mjs';
import { toHtmlReport, saveFile } from './downloads.mjs';
import { navGroups, activeEntry, entryId, memoryKey, ownVariants } from './nav.mjs';

export function mountApp(root, { kpi, translations, win = window }) {
  const catalogue = kpi.catalogue();
  const english = { ...catalogue.texts, ...translations.en };
  const groups = navGroups(catalogue);
  // memoryKey (metric, or metric/variant for a variant with its own entry) → {metricId, fragment}
  // of the last state seen during this visit.
  const memory = new Map();
  let lang = pickLanguage(win.location.search, win.navigator.languages ?? [win.navigator.language]);
  let i18n = null;
  let view = null;
  let navOpen = false;

  const shell = {
    header: h('header', { class: 'site-header' }),
    nav: h('nav', { class: 'site-nav', id: uid('nav') }),
    main: h('main', { class: 'site-main', id: 'main', tabindex: '-1' }),
    footer: h('footer', { class: 'site-footer' }),
  };

  function setLanguage(code) {
    lang = code;
    i18n = createI18n({ lang, dictionary: translations[lang] ?? {}, english, currency: DEFAULT_CURRENCY[lang] ?? '' });
    i18n.defaultCurrency = DEFAULT_CURRENCY[lang] ?? '';
    const html = root.ownerDocument.documentElement;
    html.lang = i18n.lang;
    html.dir = i18n.dir;
    root.lang = i18n.lang;
    root.dir = i18n.dir;
  }

  function metricHref(id, variant) {
    const params = new URLSearchParams({ m: id });
    if (variant && variant !== 'default') params.set('v', variant);
    return `#${params}`;
  }

  function renderHeader() {
    const selectId = uid('lang');
    const select = h('select', {
      id: selectId, dataset: { language: '' },
      onchange: (event) => switchLanguage(event.target.value),
    }, LANGUAGES.map((language) => h('option', { value: language.code, selected: language.code === lang, lang: language.code }, language.name)));
    const toggle = h('button', {
      type: 'button', class: 'nav-toggle', 'aria-expanded': String(navOpen), 'aria-controls': shell.nav.id, dataset: { navToggle: '' },
      onclick: () => { navOpen = !navOpen; toggle.setAttribute('aria-expanded', String(navOpen)); shell.nav.classList.toggle('open', navOpen); },
    }, i18n.t('nav.toggle'));
    shell.header.replaceChildren(
      h('a', { class: 'skip-link', href: '#main', onclick: (event) => { event.preventDefault(); shell.main.focus(); } }, i18n.t('nav.skip')),
      h('div', { class: 'brand' },
        h('a', { href: '#', class: 'brand-name' }, 'ServiceKPI'),
        h('p', { class: 'tagline' }, i18n.t('app.tagline'))),
      h('div', { class: 'header-tools' },
        toggle,
        h('div', { class: 'language' }, h('label', { for: selectId }, i18n.t('lang.label')), select)));
  }

  /** current: 'formulas', or the data-nav id of the active entry (see markCurrent), or null. */
  function renderNav(current) {
    const sections = groups.map((group) => {
      const headingId = uid('group');
      return h('section', { class: 'nav-group', 'aria-labelledby': headingId },
        h('h2', { id: headingId }, i18n.t(group.label_key)),
        h('ul', null, group.entries.map((entry) => h('li', null, h('a', {
          href: metricHref(entry.metric, entry.variant), dataset: { nav: entryId(entry) }, onclick: () => closeNav(),
        }, i18n.t(entry.label_key))))));
    });
    shell.nav.setAttribute('aria-label', i18n.t('nav.label'));
    shell.nav.classList.toggle('open', navOpen);
    shell.nav.replaceChildren(...sections,
      h('p', { class: 'nav-extra' }, h('a', { href: '#view=formulas', dataset: { nav: 'formulas' }, onclick: () => closeNav() }, i18n.t('nav.formulas'))));
    markCurrent(current);
  }

  /** Marks the link of the current page (aria-current, which the styles highlight). */
  function markCurrent(current) {
    for (const link of shell.nav.querySelectorAll('a[data-nav]')) {
      if (link.dataset.nav === current) link.setAttribute('aria-current', 'page');
      else link.removeAttribute('aria-current');
    }
  }

  /** The entry a metric page belongs to, for the highlighted link, the group above the title and the tab title. */
  function entryOf(metricId, variantId) {
    return activeEntry(groups, metricId, variantId);
  }

  function metricTitle(metric, variantId) {
    const entry = entryOf(metric.id, variantId);
    return `${i18n.t(entry?.variant ? entry.label_key : metric.name_key)} — ServiceKPI`;
  }

  function closeNav() {
    navOpen = false;
    shell.nav.classList.remove('open');
    shell.header.querySelector('[data-nav-toggle]')?.setAttribute('aria-expanded', 'false');
  }

  function renderFooter() {
    shell.footer.replaceChildren(
      h('p', null, i18n.t('footer.privacy')),
      h('p', null, i18n.t('footer.version', { version: kpi.version }), ' · ', h('a', { href: '#view=formulas' }, i18n.t('nav.formulas'))));
  }

  function renderHome() {
    const headingId = uid('home');
    const article = h('article', { class: 'home', 'aria-labelledby': headingId },
      h('header', { class: 'metric-header' },
        h('h1', { id: headingId, tabindex: '-1' }, i18n.t('home.heading')),
        h('p', { class: 'description' }, i18n.t('home.intro'))));
    for (const group of groups) {
      article.append(h('section', { class: 'home-group' }, h('h2', null, i18n.t(group.label_key)),
        h('ul', { class: 'cards' }, group.entries.map((entry) => {
          const metric = catalogue.metrics.find((item) => item.id === entry.metric);
          const variant = entry.variant ? metric.variants.find((item) => item.id === entry.variant) : null;
          return h('li', { class: 'card' },
            h('a', { href: metricHref(entry.metric, entry.variant) }, i18n.t(entry.label_key)),
            h('p', null, i18n.t(variant?.description_key || metric.description_key)));
        }))));
    }
    article.append(h('p', null, h('a', { href: '#view=formulas' }, i18n.t('nav.formulas'))));
    clear(shell.main).append(article);
    return { destroy: () => clear(shell.main), focusHeading: () => article.querySelector('h1')?.focus() };
  }

  function writeFragment(fragment) {
    const url = new URL(win.location.href);
    url.hash = fragment;
    if (win.location.href !== url.href) win.history.replaceState(win.history.state, '', url.href);
    return url.href;
  }

  function shareUrl(metric, state) {
    const url = new URL(win.location.href);
    url.hash = stateToFragment(metric, state, i18n.locale);
    return url.href;
  }

  function renderMetric(metricId, params) {
    const metric = catalogue.metrics.find((item) => item.id === metricId);
    if (!metric) return null;
    let usable = params;
    const asked = params.get('v');
    const remembered = memory.get(memoryKey(groups, metricId, asked));
    if (!fragmentHasState(params) && remembered) {
      const last = new URLSearchParams(remembered.fragment);
      if (!asked || asked === last.get('v') || (!last.get('v') && asked === metric.variants[0].id)) usable = last;
    }
    if (usable === params && !asked) {
      // A link without a variant opens the first variant that has no navigation entry of its own.
      const own = ownVariants(groups, metricId);
      const first = metric.variants.find((variant) => !own.has(variant.id));
      if (first && first !== metric.variants[0]) {
        usable = new URLSearchParams(params);
        usable.set('v', first.id);
      }
    }
    const state = fragmentToState(metric, usable, i18n.locale);
    return createCalculator({
      root: shell.main, kpi, catalogue, i18n, state,
      groupLabel: (variantId) => i18n.t(groups.find((group) => group.id === entryOf(metric.id, variantId)?.group)?.label_key
        ?? catalogue.groups.find((group) => group.id === metric.group)?.label_key ?? ''),
      shareUrl: (current) => shareUrl(metric, current),
      onChange: (current) => {
        const fragment = stateToFragment(metric, current, i18n.locale);
        const variant = findVariant(metric, current.variant);
        if (hasInputs(variant, current)) memory.set(memoryKey(groups, metric.id, current.variant), { metricId: metric.id, fragment });
        writeFragment(fragment);
        // Switching the method can move the page to another entry (Blocked contacts ↔ Erlang B).
        const entry = entryOf(metric.id, current.variant);
        markCurrent(entry ? entryId(entry) : null);
        root.ownerDocument.title = metricTitle(metric, current.variant);
        markMissing();
      },
      reportAll,
      reportCount: () => memory.size,
    });
  }

  /** One HTML report with every metric filled in during this visit, in the current language. */
  function reportAll() {
    const models = [];
    const contexts = [];
    for (const { metricId, fragment } of memory.values()) {
      const metric = catalogue.metrics.find((item) => item.id === metricId);
      const state = fragmentToState(metric, new URLSearchParams(fragment), i18n.locale);
      const variant = findVariant(metric, state.variant);
      const { kind, request } = buildRequest(catalogue, state, i18n.locale);
      const response = kind === 'compare' ? kpi.compare(request) : kpi.compute(request);
      if (!response?.ok) continue;
      i18n.currency = state.currency ?? i18n.defaultCurrency;
      models.push(describe({ i18n, metric, variant, kind, request, response, version: kpi.version, set: state.set, units: state.units }));
      contexts.push({ i18n, inputLabel: (name) => i18n.t(inputByName(variant, name, state.set)?.label_key ?? name) });
    }
    if (!models.length) return;
    const day = new Date().toISOString().slice(0, 10);
    saveFile(`servicekpi-report-${day}.html`, toHtmlReport(models, i18n, contexts), 'text/html;charset=utf-8');
  }

  function route({ focus = false } = {}) {
    const wanted = parseFragment(win.location.hash);
    view?.destroy();
    view = null;
    let current = null;
    let metric = null;
    if (wanted.view === 'metric') {
      view = renderMetric(wanted.metric, wanted.params);
      metric = view ? catalogue.metrics.find((item) => item.id === wanted.metric) : null;
      const entry = metric ? entryOf(metric.id, view.state.variant) : null;
      current = entry ? entryId(entry) : null;
    } else if (wanted.view === 'formulas') {
      view = renderFormulas({ root: shell.main, kpi, catalogue, i18n, metricHref });
      current = 'formulas';
    }
    if (!view) view = renderHome();
    renderNav(current);
    root.ownerDocument.title = metric ? metricTitle(metric, view.state.variant)
      : current === 'formulas' ? `${i18n.t('nav.formulas')} — ServiceKPI` : `ServiceKPI — ${i18n.t('app.tagline')}`;
    if (focus) view.focusHeading?.();
    markMissing();
  }

  function markMissing() {
    const missing = [...i18n.missing].sort();
    if (missing.length) root.dataset.i18nMissing = missing.join(' ');
    else delete root.dataset.i18nMissing;
  }

  function switchLanguage(code) {
    // The state moves through its locale-free fragment, so "2,5" typed in Finnish stays 2.5.
    const url = new URL(win.location.href);
    url.searchParams.set('lang', code);
    win.history.replaceState(win.history.state, '', url.href);
    setLanguage(code);
    renderHeader();
    renderFooter();
    route();
    root.querySelector('[data-language]')?.focus();
  }

  setLanguage(lang);
  root.classList.add('skpi');
  clear(root).append(shell.header, h('div', { class: 'layout' }, shell.nav, shell.main), shell.footer);
  renderHeader();
  renderFooter();
  route();
  const onHash = () => route({ focus: true });
  win.addEventListener('hashchange', onHash);
  return {
    get i18n() { return i18n; },
    destroy() { win.removeEventListener('hashchange', onHash); view?.destroy(); clear(root); },
  };
}
