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

export function mountApp(root, { kpi, translations, win = window }) {
  const catalogue = kpi.catalogue();
  const english = { ...catalogue.texts, ...translations.en };
  const memory = new Map();  // metric id → fragment of the last state seen during this visit
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

  function renderNav(current) {
    const groups = catalogue.groups.filter((group) => group.metrics.length).map((group) => {
      const headingId = uid('group');
      return h('section', { class: 'nav-group', 'aria-labelledby': headingId },
        h('h2', { id: headingId }, i18n.t(group.label_key)),
        h('ul', null, group.metrics.map((id) => {
          const metric = catalogue.metrics.find((item) => item.id === id);
          if (!metric) return null;
          return h('li', null, h('a', {
            href: metricHref(id), 'aria-current': current === id ? 'page' : null, dataset: { nav: id },
            onclick: () => closeNav(),
          }, i18n.t(metric.name_key)));
        })));
    });
    shell.nav.setAttribute('aria-label', i18n.t('nav.label'));
    shell.nav.classList.toggle('open', navOpen);
    shell.nav.replaceChildren(...groups,
      h('p', { class: 'nav-extra' }, h('a', { href: '#view=formulas', 'aria-current': current === 'formulas' ? 'page' : null, dataset: { nav: 'formulas' }, onclick: () => closeNav() }, i18n.t('nav.formulas'))));
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
    for (const group of catalogue.groups) {
      const metrics = group.metrics.map((id) => catalogue.metrics.find((item) => item.id === id)).filter(Boolean);
      if (!metrics.length) continue;
      article.append(h('section', { class: 'home-group' }, h('h2', null, i18n.t(group.label_key)),
        h('ul', { class: 'cards' }, metrics.map((metric) => h('li', { class: 'card' },
          h('a', { href: metricHref(metric.id) }, i18n.t(metric.name_key)),
          h('p', null, i18n.t(metric.description_key)))))));
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
    if (!fragmentHasState(params) && memory.has(metricId)) {
      const remembered = new URLSearchParams(memory.get(metricId));
      if (!params.get('v') || params.get('v') === remembered.get('v') || (!remembered.get('v') && params.get('v') === metric.variants[0].id)) usable = remembered;
    }
    const state = fragmentToState(metric, usable, i18n.locale);
    return createCalculator({
      root: shell.main, kpi, catalogue, i18n, state,
      shareUrl: (current) => shareUrl(metric, current),
      onChange: (current) => {
        const fragment = stateToFragment(metric, current, i18n.locale);
        const variant = findVariant(metric, current.variant);
        if (hasInputs(variant, current)) memory.set(metric.id, fragment);
        writeFragment(fragment);
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
    for (const [metricId, fragment] of memory) {
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
    if (wanted.view === 'metric') {
      view = renderMetric(wanted.metric, wanted.params);
      current = view ? wanted.metric : null;
    } else if (wanted.view === 'formulas') {
      view = renderFormulas({ root: shell.main, kpi, catalogue, i18n, metricHref });
      current = 'formulas';
    }
    if (!view) view = renderHome();
    renderNav(current);
    const metric = catalogue.metrics.find((item) => item.id === current);
    root.ownerDocument.title = metric ? `${i18n.t(metric.name_key)} — ServiceKPI`
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
