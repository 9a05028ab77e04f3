// "Formulas and definitions": every metric of the catalogue with its definition, variants, inputs,
// options, formula and worked example (computed by the core, so the numbers are the real ones).
// The reference tab of a monthly report; prints cleanly.
import { h, clear, uid } from './dom.mjs';
import { describe } from './result.mjs';
import { chartFigure } from './charts.mjs';
import { durationUnitName } from './numbers.mjs';
import { inputByName } from './request.mjs';

function kindText(input, i18n) {
  const key = `kind.${input.kind}`;
  return i18n.t(key);
}

/** Renders the reference into root. Returns {destroy()}. */
export function renderFormulas({ root, kpi, catalogue, i18n, metricHref }) {
  const headingId = uid('formulas');
  const article = h('article', { class: 'formulas', 'aria-labelledby': headingId });
  article.append(h('header', { class: 'metric-header' },
    h('h1', { id: headingId, tabindex: '-1' }, i18n.t('formulas.heading')),
    h('p', { class: 'description' }, i18n.t('formulas.intro')),
    h('p', { class: 'no-print' }, h('button', { type: 'button', class: 'secondary', onclick: () => window.print() }, i18n.t('formulas.print')))));

  const contents = h('nav', { class: 'toc no-print', 'aria-label': i18n.t('formulas.contents') });
  const tocList = h('ol');
  contents.append(h('h2', null, i18n.t('formulas.contents')), tocList);
  article.append(contents);

  for (const group of catalogue.groups) {
    const metrics = group.metrics.map((id) => catalogue.metrics.find((metric) => metric.id === id)).filter(Boolean);
    if (!metrics.length) continue;
    const section = h('section', { class: 'formula-group' }, h('h2', null, i18n.t(group.label_key)));
    for (const metric of metrics) {
      const anchor = `ref-${metric.id}`;
      tocList.append(h('li', null, h('a', { href: `#${anchor}`, onclick: (event) => { event.preventDefault(); article.querySelector(`#${anchor}`)?.scrollIntoView(); article.querySelector(`#${anchor} h3`)?.focus(); } }, i18n.t(metric.name_key))));
      const card = h('section', { class: 'formula-card', id: anchor, dataset: { metric: metric.id } },
        h('h3', { tabindex: '-1' }, i18n.t(metric.name_key)),
        h('p', null, i18n.t(metric.description_key)));
      // Headings go down one level at a time: h3 metric, h4 variant (when several), then sections.
      const sub = metric.variants.length > 1 ? 'h5' : 'h4';
      for (const variant of metric.variants) {
        const block = h('div', { class: 'formula-variant', dataset: { variant: variant.id } });
        if (metric.variants.length > 1) block.append(h('h4', null, i18n.t(variant.label_key)));
        if (variant.description_key) block.append(h('p', null, i18n.t(variant.description_key)));
        const inputs = h('dl', { class: 'input-list' });
        const item = (input) => h('li', null, i18n.t(input.label_key),
          h('span', { class: 'kind' }, ` — ${kindText(input, i18n)}${input.required ? '' : `, ${i18n.t('form.optional')}`}`));
        for (const set of variant.input_sets.filter((candidate) => candidate.id)) {
          inputs.append(h('dt', null, i18n.t(set.label_key)));
          inputs.append(h('dd', null, h('ul', null, variant.inputs.filter((input) => input.set === set.id).map(item))));
        }
        const shared = variant.inputs.filter((input) => input.set === '');
        block.append(h(sub, { class: 'sub' }, i18n.t('formulas.inputs')),
          inputs.childElementCount ? inputs : null, shared.length ? h('ul', null, shared.map(item)) : null);
        if (variant.options.length) {
          block.append(h(sub, { class: 'sub' }, i18n.t('form.options')), h('ul', null, variant.options.map((option) => h('li', null,
            i18n.t(option.label_key),
            option.choices.length ? `: ${option.choices.map((choice) => i18n.t(choice.label_key)).join(' · ')}` : '',
            option.unit === 'seconds' ? ` (${durationUnitName('s', i18n.locale, 'long')})` : '',
            option.hint_key ? h('span', { class: 'kind' }, ` — ${i18n.t(option.hint_key)}`) : null))));
        }
        for (const example of variant.examples.slice(0, 2)) {
          const request = { metric: metric.id, variant: variant.id, inputs: example.inputs, options: example.options ?? {} };
          let response;
          try { response = kpi.compute(request); } catch { response = null; }
          if (!response?.ok) continue;
          const model = describe({ i18n, metric, variant, kind: 'compute', request, response, version: kpi.version });
          const inputLabel = (name) => i18n.t(inputByName(variant, name, response.input_set)?.label_key ?? name);
          block.append(h('div', { class: 'worked-example', dataset: { example: example.name } },
            h(sub, { class: 'sub' }, i18n.t('formulas.example')),
            h('ul', { class: 'example-inputs' }, [...model.inputs, ...model.options].map((row) => h('li', null, `${row.label}: `, h('bdi', null, row.text)))),
            h('p', { class: 'formula-text', dir: 'auto' }, model.formula),
            h('p', null, h('strong', null, `${i18n.t('formulas.result')}: `), h('bdi', { dataset: { value: String(model.value) } }, `${model.valueText}${model.unitText ? ` ${model.unitText}` : ''}`),
              model.ciText ? ` · ${model.ciText}` : ''),
            model.interpretation ? h('p', { class: 'interpretation' }, model.interpretation) : null,
            example === variant.examples[0] ? chartFigure(model.chart, { i18n, inputLabel }, '') : null));
        }
        block.append(h('p', { class: 'no-print' }, h('a', { href: metricHref(metric.id, variant.id) }, i18n.t('formulas.open', { name: i18n.t(metric.name_key) }))));
        card.append(block);
      }
      section.append(card);
    }
    article.append(section);
  }
  clear(root).append(article);
  return { destroy: () => clear(root), focusHeading: () => article.querySelector('h1')?.focus() };
}
