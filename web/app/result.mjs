// Turns a core response (compute or compare) into what people read: translated error messages
// placed at the field at fault, and a result model (value, n, interval, formula, interpretation,
// warnings, chart, inputs) that the page, the downloads and the report all render from.
import { h, uid } from './dom.mjs';
import { chartFigure } from './charts.mjs';
import {
  formatValue, formatNumber, formatPercent, formatDuration, formatMoney, DASH, listSeparator,
} from './numbers.mjs';
import { activeInputs, inputByName, DURATION_KINDS, MONEY_KINDS } from './request.mjs';

/** Where an error field points: side, input or option, list index, table cell or component field. */
export function errorTarget(error, variant, kind = 'compute', response = {}, set = '') {
  let field = String(error?.field ?? '');
  let side = 'a';
  if (kind === 'compare') {
    const match = /^(a|b)(?:\.(.*))?$/.exec(field);
    if (match) { side = match[1]; field = match[2] ?? ''; } else if (response.side) side = response.side;
  }
  const parsed = /^([A-Za-z_][\w]*)((?:\[\d+\])*)(?:\.(\w+))?$/.exec(field);
  if (!parsed) return { side, general: true };
  const [, name, brackets, key] = parsed;
  const indexes = [...brackets.matchAll(/\[(\d+)\]/g)].map((match) => Number(match[1]));
  if (variant.options.some((option) => option.name === name)) return { side, option: name };
  let input = inputByName(variant, name, set);
  if (!input) {
    const named = variant.input_sets.find((item) => item.id === name && item.inputs.length);
    if (named) input = inputByName(variant, named.inputs[0], named.id);
  }
  if (!input) return { side, general: true };
  const target = { side, name: input.name, kind: input.kind, set: input.set };
  if (input.kind === 'score_table') {
    target.cell = indexes;
  } else if (indexes.length) {
    target.index = indexes[0];
  }
  if (key) target.key = key;
  return target;
}

function limitText(error, target, variant, i18n) {
  const limit = error?.limit;
  if (typeof limit !== 'number' || !Number.isFinite(limit)) return DASH;
  const input = target.name ? inputByName(variant, target.name, target.set) : null;
  if (input && DURATION_KINDS.has(input.kind) && !['input.wrong_length'].includes(error.code)) return formatDuration(limit, i18n.locale);
  if (input && MONEY_KINDS.has(input.kind)) return formatMoney(limit, i18n.locale, i18n.currency);
  return formatNumber(limit, i18n.locale, { max: 4 });
}

/** The translated message for an error, naming the field by its label. */
export function errorMessage(error, target, variant, i18n, request) {
  const input = target.name ? inputByName(variant, target.name, target.set) : null;
  const option = variant.options.find((item) => item.name === target.option);
  let label = input ? i18n.t(input.label_key) : option ? i18n.t(option.label_key) : '';
  const number = (value) => formatNumber(value + 1, i18n.locale, { max: 0 });
  if (input && target.key) {
    label = i18n.t('error.field_component', {
      label: i18n.t('component.row', { n: number(target.index ?? 0) }), field: i18n.t(`component.${target.key}`),
    });
  } else if (input && target.index !== undefined) {
    label = i18n.t('error.field_item', { label, n: number(target.index) });
  } else if (input && target.cell?.length) {
    const given = request?.inputs?.[input.name] ?? request?.a?.[input.name];
    const single = Array.isArray(given) && given.length === 1;
    if (target.cell.length === 2) label = i18n.t('error.field_cell', { label, row: number(target.cell[0]), n: number(target.cell[1]) });
    else if (single) label = i18n.t('error.field_item', { label, n: number(target.cell[0]) });
    else label = i18n.t('error.field_row', { label, row: number(target.cell[0]) });
  }
  const key = `error.${error?.code}`;
  const values = { field: label || i18n.t('error.this_value'), limit: limitText(error, target, variant, i18n) };
  return i18n.known(key) ? i18n.t(key, values) : i18n.t('error.unknown', values);
}

function unitLabel(unit, i18n) {
  if (['score', 'rating', 'ratio', 'agents', 'erlangs'].includes(unit) && i18n.known(`unit.${unit}`)) return i18n.t(`unit.${unit}`);
  return '';
}

function intervalText(ci, unit, i18n) {
  if (!ci || !Number.isFinite(ci.low) || !Number.isFinite(ci.high)) return '';
  const format = (value) => (unit === 'percent' ? formatPercent(value, i18n.locale, { min: 1, max: 1 })
    : unit === 'score' ? formatNumber(value, i18n.locale, { min: 1, max: 1 })
      : formatValue(value, unit, { locale: i18n.locale, currency: i18n.currency }));
  return i18n.t('result.ci', { low: format(ci.low), high: format(ci.high) });
}

function warningText(warning, i18n) {
  const key = `warning.${warning.code}`;
  return i18n.known(key) ? i18n.t(key, warning.values ?? {}) : i18n.t('warning.unknown');
}

/** Display text of one input value in core units (as sent to the core). */
function inputValueText(input, value, i18n) {
  const sep = listSeparator(i18n.locale);
  const one = (item) => {
    if (typeof item !== 'number') return String(item);
    if (DURATION_KINDS.has(input.kind)) return formatDuration(item, i18n.locale);
    if (MONEY_KINDS.has(input.kind)) return formatMoney(item, i18n.locale, i18n.currency);
    if (input.kind === 'percent') return formatPercent(item, i18n.locale, { max: 4 });
    return formatNumber(item, i18n.locale, { max: 6 });
  };
  if (input.kind === 'component_list' && Array.isArray(value)) {
    return value.map((row) => {
      const parts = [];
      if (row.weight !== undefined) parts.push(`${i18n.t('component.weight')} ${one(row.weight)}`);
      if (row.rate !== undefined) parts.push(`${i18n.t('component.rate')} ${one(row.rate)}`);
      if (row.part !== undefined || row.whole !== undefined) parts.push(`${one(row.part ?? '')} / ${one(row.whole ?? '')}`);
      return `${row.name ?? ''}${row.name ? ': ' : ''}${parts.join(', ')}`;
    }).join(' | ');
  }
  if (input.kind === 'score_table' && Array.isArray(value)) {
    const rows = Array.isArray(value[0]) ? value : [value];
    return rows.map((row) => row.map(one).join(sep)).join(' | ');
  }
  if (Array.isArray(value)) return value.map(one).join(sep);
  return one(value);
}

function inputRows(variant, inputs, i18n, set) {
  const rows = [];
  for (const input of activeInputs(variant, set)) {
    if (!(input.name in (inputs ?? {}))) continue;
    rows.push({ name: input.name, label: i18n.t(input.label_key), value: inputs[input.name], text: inputValueText(input, inputs[input.name], i18n) });
  }
  return rows;
}

function optionRows(variant, options, i18n) {
  return variant.options.filter((option) => option.name in (options ?? {})).map((option) => {
    const value = options[option.name];
    const choice = option.choices.find((item) => item.id === value);
    const text = choice ? i18n.t(choice.label_key)
      : option.unit === 'seconds' && typeof value === 'number' ? formatDuration(value, i18n.locale)
        : typeof value === 'number' ? formatNumber(value, i18n.locale, { max: 4 }) : String(value);
    return { name: option.name, label: i18n.t(option.label_key), value, text };
  });
}

/** A table cell's text by its column's unit: percent with 1 decimal, durations in a human unit, whole agents. */
export function cellText(value, unit, i18n) {
  if (typeof value === 'string') return value;
  if (typeof value !== 'number' || !Number.isFinite(value)) return DASH;
  switch (unit) {
    case 'percent': return formatPercent(value, i18n.locale, { min: 1, max: 1 });
    case 'seconds': return formatDuration(value, i18n.locale);
    case 'agents': case 'count': return formatNumber(value, i18n.locale, { max: 0 });
    default: return formatValue(value, unit, { locale: i18n.locale, currency: i18n.currency });
  }
}

/**
 * The result's tables as shown: caption, column labels and cell texts, with the highlighted row
 * (the one whose highlight column holds the highlight value, e.g. the number of agents found).
 */
export function tableModels(tables, i18n) {
  if (!Array.isArray(tables)) return [];
  return tables.filter((table) => Array.isArray(table?.columns) && table.columns.length && Array.isArray(table.rows)).map((table) => {
    const columns = table.columns.map((column) => ({ name: column.name, unit: column.unit ?? '', label: column.key ? i18n.t(column.key) : column.name }));
    const highlight = table.highlight && typeof table.highlight === 'object' ? table.highlight : null;
    const rows = table.rows.map((row) => ({
      current: Boolean(highlight) && row?.[highlight.column] === highlight.value,
      cells: columns.map((column) => ({ value: row?.[column.name] ?? null, text: cellText(row?.[column.name], column.unit, i18n) })),
    }));
    return { key: table.key ?? '', caption: table.key ? i18n.t(table.key) : '', columns, rows, currentNote: i18n.t('result.table_current') };
  });
}

function singleModel(result, i18n, durationUnits = {}) {
  return {
    value: result.value,
    valueText: formatValue(result.value, result.unit, { locale: i18n.locale, currency: i18n.currency }),
    unit: result.unit,
    unitText: unitLabel(result.unit, i18n),
    n: result.n,
    // n = 0 on a valid result means the sample size is unknown (NPS from percentages alone).
    nText: Number.isFinite(result.n) && result.n > 0 ? i18n.t('result.n', { n: formatNumber(result.n, i18n.locale, { max: 2 }) }) : '',
    ci: result.ci ?? null,
    ciText: intervalText(result.ci, result.unit, i18n),
    formula: result.formula?.key ? i18n.t(result.formula.key, result.formula.values ?? {}, { durationUnits }) : '',
    interpretation: result.interpretation?.key ? i18n.t(result.interpretation.key, result.interpretation.values ?? {}) : '',
    warnings: (result.warnings ?? []).map((warning) => warningText(warning, i18n)),
    chart: result.chart ?? null,
    tables: tableModels(result.tables, i18n),
  };
}

function signed(text, value) {
  return value > 0 && !text.startsWith('+') ? `+${text}` : text;
}

/**
 * The readable model of the current calculation. kind: 'compute' or 'compare'; response: the
 * core's answer (ok or not); errorText: the translated error when not ok.
 */
export function describe({ i18n, metric, variant, kind, request, response, errorText, version, set, units = {} }) {
  if (set === undefined) set = response?.input_set ?? response?.a?.input_set ?? variant.input_sets[0]?.id ?? '';
  const inputs = kind === 'compare' ? null : inputRows(variant, request.inputs, i18n, set);
  const model = {
    metricId: metric.id,
    variantId: variant.id,
    title: i18n.t(metric.name_key),
    description: i18n.t(metric.description_key),
    variantLabel: metric.variants.length > 1 ? i18n.t(variant.label_key) : '',
    kind,
    inputs,
    inputsA: kind === 'compare' ? inputRows(variant, request.a, i18n, set) : null,
    inputsB: kind === 'compare' ? inputRows(variant, request.b, i18n, set) : null,
    options: optionRows(variant, request.options, i18n),
    ok: Boolean(response?.ok),
    error: response?.ok ? null : errorText ?? '',
    version,
    language: i18n.lang,
    dir: i18n.dir,
    currency: i18n.currency,
    request,
    response,
  };
  if (!response?.ok) return model;
  if (kind === 'compare') {
    model.a = singleModel(response.a, i18n, units);
    model.b = singleModel(response.b, i18n, units);
    const unit = response.unit;
    const changeText = unit === 'percent'
      ? i18n.t('compare.points', { value: signed(formatNumber(response.change, i18n.locale, { max: 2 }), response.change) })
      : signed(formatValue(response.change, unit, { locale: i18n.locale, currency: i18n.currency }), response.change);
    model.change = response.change;
    model.changeText = changeText;
    model.relativeText = Number.isFinite(response.relative_change)
      ? signed(formatPercent(response.relative_change, i18n.locale, { max: 1 }), response.relative_change) : '';
    const p = !Number.isFinite(response.p_value) ? DASH
      : response.p_value < 0.001 ? i18n.t('compare.p_below', { p: formatNumber(0.001, i18n.locale, { min: 3, max: 3 }) })
        : i18n.t('compare.p_equal', { p: formatNumber(response.p_value, i18n.locale, { min: 3, max: 3 }) });
    model.significant = response.significant;
    model.pValue = response.p_value;
    model.significanceText = response.significant === true ? i18n.t('compare.significant', { p })
      : response.significant === false ? i18n.t('compare.not_significant', { p }) : i18n.t('compare.unknown');
    model.changeCiText = response.change_ci && Number.isFinite(response.change_ci.low)
      ? i18n.t('compare.change_ci', {
        low: formatNumber(response.change_ci.low, i18n.locale, { min: 1, max: 1 }),
        high: formatNumber(response.change_ci.high, i18n.locale, { min: 1, max: 1 }),
      }) : '';
    model.warnings = (response.warnings ?? []).map((warning) => warningText(warning, i18n));
    return model;
  }
  // The formula shows durations in the unit they were typed in (3000 min, not 2.08 days).
  Object.assign(model, singleModel(response, i18n, units));
  return model;
}

/** One line for screen readers: "Net Promoter Score: 60 points, n = 100". */
export function summaryText(model, i18n) {
  if (!model.ok) return model.error ? `${model.title}: ${model.error}` : '';
  if (model.kind === 'compare') return `${model.title}: ${model.a.valueText} → ${model.b.valueText} (${model.changeText}). ${model.significanceText}`;
  return `${model.title}: ${model.valueText}${model.unitText ? ` ${model.unitText}` : ''}. ${model.nText}${model.ciText ? `, ${model.ciText}` : ''}`;
}

/**
 * One result table: a caption, column headers, the first column as row headers, and the
 * highlighted row marked for the eye (styles) and for screen readers (aria-current and a note).
 * The wrapper scrolls sideways on narrow screens; it is focusable so the keyboard can scroll it.
 */
export function tableElement(table) {
  const captionId = uid('table');
  return h('div', { class: 'table-scroll', role: 'region', tabindex: '0', 'aria-labelledby': captionId },
    h('table', { class: 'result-table', dataset: { table: table.key } },
      h('caption', { id: captionId }, table.caption),
      h('thead', null, h('tr', null, table.columns.map((column) => h('th', { scope: 'col', dataset: { column: column.name } }, column.label)))),
      h('tbody', null, table.rows.map((row) => h('tr', { class: row.current ? 'current' : null, 'aria-current': row.current ? 'true' : null },
        row.cells.map((cell, index) => h(index === 0 ? 'th' : 'td', { scope: index === 0 ? 'row' : null, dataset: { value: String(cell.value) } },
          h('bdi', null, cell.text), index === 0 && row.current ? h('span', { class: 'sr-only' }, ` (${table.currentNote})`) : null)))))));
}

function valueBlock(single, label, chartContext) {
  const block = h('div', { class: 'value-block' });
  if (label) block.append(h('h3', { class: 'side-title' }, label));
  block.append(h('p', { class: 'headline' },
    h('output', { class: 'value', dataset: { resultValue: '', value: String(single.value), unit: single.unit } }, single.valueText),
    single.unitText ? h('span', { class: 'unit' }, ` ${single.unitText}`) : null));
  // Each part is a bidi isolate: "n = 100" stays in that order inside a right-to-left line.
  const meta = [single.nText, single.ciText].filter(Boolean);
  if (meta.length) block.append(h('p', { class: 'meta' }, meta.map((text, index) => [index ? ' · ' : '', h('bdi', null, text)])));
  return block;
}

/** The result panel's content for a model. chartContext: {i18n, inputLabel}. */
export function renderModel(model, i18n, chartContext) {
  const box = h('div', { class: 'result-body' });
  if (!model.ok) {
    box.append(h('p', { class: 'result-error', dataset: { resultError: '' } }, model.error));
    return box;
  }
  if (model.kind === 'compare') {
    box.append(h('div', { class: 'compare-values' },
      valueBlock(model.a, i18n.t('compare.a'), chartContext), valueBlock(model.b, i18n.t('compare.b'), chartContext)));
    box.append(h('div', { class: ['change', model.significant === true ? 'significant' : ''] },
      h('p', { class: 'change-line' }, h('span', { class: 'label' }, `${i18n.t('compare.change')}: `),
        h('output', { dataset: { change: String(model.change) } }, model.changeText),
        model.relativeText ? h('span', { class: 'relative' }, ` (${model.relativeText})`) : null),
      h('p', { dataset: { significance: String(model.significant) } }, model.significanceText),
      model.changeCiText ? h('p', { class: 'meta' }, model.changeCiText) : null));
    if (model.warnings.length) box.append(h('ul', { class: 'warnings' }, model.warnings.map((text) => h('li', null, text))));
    const charts = [['a', model.a], ['b', model.b]].map(([side, single]) => chartFigure(single.chart, chartContext, i18n.t(`compare.${side}`))).filter(Boolean);
    if (charts.length) box.append(h('div', { class: 'compare-charts' }, charts));
    return box;
  }
  box.append(valueBlock(model, '', chartContext));
  if (model.interpretation) box.append(h('p', { class: 'interpretation' }, model.interpretation));
  if (model.formula) {
    box.append(h('div', { class: 'formula' }, h('h3', null, i18n.t('result.formula')), h('p', { class: 'formula-text', dir: 'auto' }, model.formula)));
  }
  if (model.warnings.length) {
    box.append(h('div', { class: 'warnings-box' }, h('h3', null, i18n.t('result.warnings')),
      h('ul', { class: 'warnings' }, model.warnings.map((text) => h('li', null, text)))));
  }
  const figure = chartFigure(model.chart, chartContext, '');
  if (figure) box.append(figure);
  return box;
}

/** The tables of a model (shown beside the result panel, across the whole width when there is room). */
export function renderTables(model) {
  return model?.ok && model.kind !== 'compare' ? (model.tables ?? []).map(tableElement) : [];
}

