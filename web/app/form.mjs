// Renders the form of one metric variant from the catalogue: variant and input-set pickers,
// options, and one field per input kind. It edits the state object it is given in place and calls
// onInput() after a value change, onStructure() when the form must be drawn again (another
// variant, input set, scale or compare mode). No metric is named here.
import { h, uid } from './dom.mjs';
import { DURATION_UNITS, durationUnitName, parseList, parseTable, parseNumber, formatNumber, usesDecimalComma } from './numbers.mjs';
import { CURRENCIES } from './i18n.mjs';
import {
  SCALAR_KINDS, TEXT_LIST_KINDS, DURATION_KINDS, MONEY_KINDS, COMPONENT_FIELDS,
  findVariant, activeInputs, pointsOf, isDurationOption, usesMoney, inputByName,
} from './request.mjs';

export function currencySymbol(currency, locale) {
  if (!currency) return '';
  try {
    const parts = new Intl.NumberFormat(locale, { style: 'currency', currency }).formatToParts(0);
    return parts.find((part) => part.type === 'currency')?.value ?? currency;
  } catch {
    return currency;
  }
}

function radioGroup({ legend, name, items, checked, onPick, className }) {
  const group = h('fieldset', { class: ['choice-group', className] }, h('legend', null, legend));
  const row = h('div', { class: 'segmented' });
  for (const item of items) {
    const id = uid('opt');
    const input = h('input', {
      type: 'radio', id, name, value: item.id, checked: item.id === checked, dataset: item.data ?? {},
      onchange: () => onPick(item.id),
    });
    row.append(h('span', { class: 'segment' }, input, h('label', { for: id }, item.label)));
  }
  group.append(row);
  return group;
}

function durationSelect(i18n, current, label, onPick, data) {
  const id = uid('unit');
  const select = h('select', { id, class: 'unit-select', 'aria-label': label, dataset: data, onchange: (event) => onPick(event.target.value) });
  for (const unit of DURATION_UNITS) {
    select.append(h('option', { value: unit, selected: unit === current }, durationUnitName(unit, i18n.locale, 'long')));
  }
  return select;
}

function listHint(i18n) {
  return i18n.t(usesDecimalComma(i18n.locale) ? 'form.list_hint_comma' : 'form.list_hint');
}

/**
 * Builds the form. context: {i18n, catalogue, metric, state, onInput, onStructure}.
 * Returns {element, showError(target, message, missing), clearErrors(), inputLabel(name)}.
 */
export function renderForm(context) {
  const { i18n, metric, state, onInput, onStructure } = context;
  const variant = findVariant(metric, state.variant);
  const form = h('form', { class: 'calc-form', novalidate: true, 'aria-label': i18n.t(metric.name_key), onsubmit: (event) => event.preventDefault() });
  const inputLabel = (name) => {
    const input = inputByName(variant, name, state.set);
    return input ? i18n.t(input.label_key) : name;
  };

  if (metric.variants.length > 1) {
    form.append(radioGroup({
      legend: i18n.t('form.variant'), name: uid('variant'), className: 'variant-picker', checked: variant.id,
      items: metric.variants.map((item) => ({ id: item.id, label: i18n.t(item.label_key), data: { variant: item.id } })),
      onPick: (id) => onStructure({ variant: id }, `[data-variant="${id}"]`),
    }));
  }
  if (variant.description_key) form.append(h('p', { class: 'variant-description' }, i18n.t(variant.description_key)));

  if (variant.input_sets.length > 1) {
    form.append(radioGroup({
      legend: i18n.t('form.input_set'), name: uid('set'), className: 'set-picker', checked: state.set,
      items: variant.input_sets.map((set) => ({ id: set.id, label: i18n.t(set.label_key), data: { set: set.id } })),
      onPick: (id) => onStructure({ set: id }, `[data-set="${id}"]`),
    }));
  }

  // Options come before the inputs: a scale decides how many count fields there are.
  const optionControls = [];
  for (const option of variant.options) optionControls.push(renderOption(option));
  if (usesMoney(variant)) optionControls.push(renderCurrency());
  if (optionControls.length) {
    form.append(h('fieldset', { class: 'options' }, h('legend', null, i18n.t('form.options')), h('div', { class: 'option-grid' }, optionControls)));
  }

  if (variant.comparison) {
    const id = uid('cmp');
    form.append(h('div', { class: 'compare-toggle' },
      h('input', { type: 'checkbox', id, checked: state.compare, dataset: { compare: '' }, onchange: (event) => onStructure({ compare: event.target.checked }, '[data-compare]') }),
      h('label', { for: id }, i18n.t('form.compare'))));
  }

  const sides = state.compare && variant.comparison ? ['a', 'b'] : ['a'];
  const columns = h('div', { class: ['sides', sides.length > 1 && 'two'] });
  for (const side of sides) {
    const block = h('div', { class: 'side', dataset: { side } });
    if (sides.length > 1) block.append(h('h3', { class: 'side-title' }, i18n.t(side === 'a' ? 'compare.a' : 'compare.b')));
    for (const input of activeInputs(variant, state.set)) block.append(renderInput(input, side));
    columns.append(block);
  }
  form.append(columns);
  form.append(h('p', { class: 'form-error', role: 'alert', hidden: true, dataset: { formError: '' } }));

  function changed() {
    onInput();
  }

  function renderOption(option) {
    const id = uid('option');
    const hintId = option.hint_key ? uid('hint') : null;
    const errorId = uid('err');
    const field = h('div', { class: 'field option', dataset: { optionField: option.name } });
    field.append(h('label', { for: id }, i18n.t(option.label_key)));
    const described = [hintId, errorId].filter(Boolean).join(' ');
    if (option.kind === 'choice') {
      const select = h('select', {
        id, dataset: { option: option.name }, 'aria-describedby': described,
        onchange: (event) => {
          state.options[option.name] = event.target.value;
          const reshapes = variant.inputs.some((input) => input.points_option === option.name);
          if (reshapes) onStructure({}, `[data-option="${option.name}"]`);
          else changed();
        },
      });
      for (const choice of option.choices) {
        select.append(h('option', { value: choice.id, selected: choice.id === state.options[option.name] }, i18n.t(choice.label_key)));
      }
      field.append(h('div', { class: 'control' }, select));
    } else {
      const input = h('input', {
        id, type: 'text', inputmode: 'decimal', autocomplete: 'off', spellcheck: 'false', value: state.options[option.name] ?? '',
        dataset: { option: option.name }, 'aria-describedby': described,
        oninput: (event) => { state.options[option.name] = event.target.value; changed(); },
      });
      const control = h('div', { class: 'control' }, input);
      if (isDurationOption(option)) {
        const key = `option.${option.name}`;
        control.append(durationSelect(i18n, state.units[key] ?? 's', i18n.t('form.unit_for', { label: i18n.t(option.label_key) }),
          (unit) => { state.units[key] = unit; changed(); }, { unitFor: key }));
      } else if (option.unit === 'percent') control.append(h('span', { class: 'addon', 'aria-hidden': 'true' }, '%'));
      else if (option.unit === 'minutes') control.append(h('span', { class: 'addon' }, durationUnitName('min', i18n.locale, 'short')));
      field.append(control);
    }
    if (hintId) field.append(h('p', { class: 'hint', id: hintId }, i18n.t(option.hint_key)));
    field.append(h('p', { class: 'error', id: errorId, hidden: true }));
    return field;
  }

  function renderCurrency() {
    const id = uid('currency');
    const select = h('select', {
      id, dataset: { currency: '' },
      onchange: (event) => { state.currency = event.target.value; onStructure({}, '[data-currency]'); },
    });
    for (const code of CURRENCIES) {
      const label = code ? `${code} (${currencySymbol(code, i18n.locale)})` : i18n.t('form.currency_none');
      select.append(h('option', { value: code, selected: code === (state.currency ?? i18n.currency) }, label));
    }
    return h('div', { class: 'field option' }, h('label', { for: id }, i18n.t('form.currency')), h('div', { class: 'control' }, select));
  }

  function fieldShell(input, side, control, { hintId, errorId, labelFor, legend }) {
    const optional = input.required ? null : h('span', { class: 'optional' }, ` (${i18n.t('form.optional')})`);
    const wrapper = h(legend ? 'fieldset' : 'div', { class: ['field', `kind-${input.kind}`], dataset: { input: input.name, side } });
    wrapper.append(legend ? h('legend', null, i18n.t(input.label_key), optional) : h('label', { for: labelFor }, i18n.t(input.label_key), optional));
    wrapper.append(control);
    if (hintId) wrapper.append(h('p', { class: 'hint', id: hintId }, hintText(input)));
    wrapper.append(h('p', { class: 'error', id: errorId, hidden: true, dataset: { errorFor: input.name } }));
    return wrapper;
  }

  function hintText(input) {
    const own = input.hint_key ? i18n.t(input.hint_key) : '';
    if (TEXT_LIST_KINDS.has(input.kind)) return [own, listHint(i18n)].filter(Boolean).join(' ');
    if (input.kind === 'score_table') return [own, i18n.t('form.table_hint')].filter(Boolean).join(' ');
    if (input.kind === 'fraction') return [own, i18n.t('form.fraction_hint')].filter(Boolean).join(' ');
    return own;
  }

  function addons(input, control) {
    if (DURATION_KINDS.has(input.kind)) {
      control.append(durationSelect(i18n, state.units[input.name] ?? 's', i18n.t('form.unit_for', { label: i18n.t(input.label_key) }),
        (unit) => {
          state.units[input.name] = unit;
          for (const select of form.querySelectorAll(`[data-unit-for="${input.name}"]`)) select.value = unit;
          changed();
        }, { unitFor: input.name }));
    } else if (MONEY_KINDS.has(input.kind)) {
      const symbol = currencySymbol(state.currency ?? i18n.currency, i18n.locale);
      if (symbol) control.append(h('span', { class: 'addon' }, symbol));
    } else if (input.kind === 'percent') {
      control.append(h('span', { class: 'addon', 'aria-hidden': 'true' }, '%'));
    }
  }

  function renderInput(input, side) {
    const values = state.values[side];
    const id = uid('in');
    const errorId = uid('err');
    const hintId = hintText(input) ? uid('hint') : null;
    const described = [hintId, errorId].filter(Boolean).join(' ');
    const common = { autocomplete: 'off', spellcheck: 'false', 'aria-describedby': described };

    if (SCALAR_KINDS.has(input.kind)) {
      const control = h('div', { class: 'control' }, h('input', {
        ...common, id, type: 'text', inputmode: input.integer ? 'numeric' : 'decimal', value: values[input.name] ?? '',
        dataset: { field: input.name }, 'aria-required': input.required ? 'true' : null,
        oninput: (event) => { values[input.name] = event.target.value; changed(); },
      }));
      addons(input, control);
      return fieldShell(input, side, control, { hintId, errorId, labelFor: id });
    }

    if (input.kind === 'count_list') {
      const points = pointsOf(input, variant, state.options);
      if (points) {
        const size = points.max - points.min + 1;
        const cells = Array.isArray(values[input.name]) ? values[input.name].slice(0, size) : [];
        while (cells.length < size) cells.push('');
        values[input.name] = cells;
        const grid = h('div', { class: 'count-grid', style: `--cells:${Math.min(size, 11)}` });
        const total = h('output', { class: 'list-count', 'aria-live': 'off' });
        const updateTotal = () => {
          const sum = cells.reduce((acc, cell) => acc + (parseNumber(cell, i18n.locale) ?? 0), 0);
          total.textContent = i18n.t('form.total', { n: formatNumber(sum, i18n.locale, { max: 2 }) });
        };
        cells.forEach((cell, index) => {
          const cellId = uid('cell');
          const point = points.min + index;
          grid.append(h('div', { class: 'count-cell' },
            h('label', { for: cellId }, formatNumber(point, i18n.locale, { max: 0 })),
            h('input', {
              ...common, id: cellId, type: 'text', inputmode: 'numeric', value: cell ?? '',
              'aria-label': i18n.t('form.count_at', { label: i18n.t(input.label_key), point: formatNumber(point, i18n.locale, { max: 0 }) }),
              dataset: { field: input.name, index: String(index) },
              oninput: (event) => { cells[index] = event.target.value; updateTotal(); changed(); },
            })));
        });
        updateTotal();
        return fieldShell(input, side, h('div', { class: 'control-list' }, grid, total), { hintId, errorId, legend: true });
      }
    }

    if (TEXT_LIST_KINDS.has(input.kind) || input.kind === 'count_list' || input.kind === 'score_table') {
      const table = input.kind === 'score_table';
      const counter = h('output', { class: 'list-count', 'aria-live': 'off' });
      const count = (text) => {
        const n = table ? parseTable(text, i18n.locale).length : parseList(text, i18n.locale).length;
        counter.textContent = i18n.t(table ? 'form.rows_count' : 'form.values_count', { n: formatNumber(n, i18n.locale, { max: 0 }) });
      };
      const text = typeof values[input.name] === 'string' ? values[input.name] : Array.isArray(values[input.name]) ? values[input.name].join(' ') : '';
      const area = h('textarea', {
        ...common, id, rows: table ? 4 : 3, dataset: { field: input.name }, dir: 'ltr',
        oninput: (event) => { values[input.name] = event.target.value; count(event.target.value); changed(); },
      });
      area.value = text;
      count(text);
      const control = h('div', { class: 'control control-area' }, area);
      addons(input, control);
      return fieldShell(input, side, h('div', { class: 'control-list' }, control, counter), { hintId, errorId, labelFor: id });
    }

    if (input.kind === 'component_list') {
      if (!Array.isArray(values[input.name]) || !values[input.name].length) {
        values[input.name] = [0, 1].map(() => Object.fromEntries(COMPONENT_FIELDS.map((field) => [field, ''])));
      }
      const rows = values[input.name];
      const list = h('div', { class: 'components' });
      const draw = (focusIndex) => {
        list.replaceChildren();
        rows.forEach((row, index) => {
          const number = formatNumber(index + 1, i18n.locale, { max: 0 });
          const rowBox = h('fieldset', { class: 'component-row', dataset: { row: String(index) } },
            h('legend', null, i18n.t('component.row', { n: number })));
          const cells = h('div', { class: 'component-cells' });
          for (const field of COMPONENT_FIELDS) {
            const cellId = uid('comp');
            cells.append(h('div', { class: ['component-cell', `cell-${field}`] },
              h('label', { for: cellId }, i18n.t(`component.${field}`)),
              h('input', {
                id: cellId, type: 'text', autocomplete: 'off', spellcheck: field === 'name' ? 'true' : 'false',
                inputmode: field === 'name' ? 'text' : 'decimal', value: row[field] ?? '',
                placeholder: field === 'weight' ? formatNumber(1, i18n.locale) : null,
                'aria-describedby': errorId,
                dataset: { field: input.name, index: String(index), key: field },
                oninput: (event) => { row[field] = event.target.value; changed(); },
              })));
          }
          rowBox.append(cells);
          if (rows.length > 1) {
            rowBox.append(h('button', {
              type: 'button', class: 'link-button remove', dataset: { remove: String(index) },
              onclick: () => { rows.splice(index, 1); draw(Math.max(0, index - 1)); changed(); },
            }, i18n.t('component.remove', { n: number })));
          }
          list.append(rowBox);
        });
        if (focusIndex !== undefined) list.querySelector(`[data-index="${focusIndex}"][data-key="name"]`)?.focus();
      };
      draw();
      const add = h('button', {
        type: 'button', class: 'secondary', dataset: { add: input.name },
        onclick: () => { rows.push(Object.fromEntries(COMPONENT_FIELDS.map((field) => [field, '']))); draw(rows.length - 1); changed(); },
      }, i18n.t('component.add'));
      return fieldShell(input, side, h('div', { class: 'control-list' }, list, add), { hintId, errorId, legend: true });
    }

    return fieldShell(input, side, h('p', null, input.kind), { hintId, errorId, labelFor: id });
  }

  function clearErrors() {
    for (const element of form.querySelectorAll('.error')) { element.hidden = true; element.textContent = ''; element.classList.remove('missing'); }
    for (const element of form.querySelectorAll('[aria-invalid]')) element.removeAttribute('aria-invalid');
    for (const element of form.querySelectorAll('.field.invalid')) element.classList.remove('invalid');
    const general = form.querySelector('[data-form-error]');
    general.hidden = true;
    general.textContent = '';
  }

  /** Shows a message at a field. target: {side, name, index?, key?, option?}; returns false when not found. */
  function showError(target, message, missing = false) {
    let wrapper = null;
    let controls = [];
    if (target.option) {
      wrapper = form.querySelector(`[data-option-field="${target.option}"]`);
      controls = wrapper ? [...wrapper.querySelectorAll('[data-option]')] : [];
    } else if (target.name) {
      wrapper = form.querySelector(`.side[data-side="${target.side ?? 'a'}"] [data-input="${target.name}"]`);
      if (wrapper) {
        const selector = target.index !== undefined
          ? `[data-field="${target.name}"][data-index="${target.index}"]${target.key ? `[data-key="${target.key}"]` : ''}`
          : `[data-field="${target.name}"]`;
        controls = [...wrapper.querySelectorAll(selector)];
        if (!controls.length) controls = [...wrapper.querySelectorAll(`[data-field="${target.name}"]`)];
        if (target.index === undefined && controls.length > 1) controls = controls.slice(0, 1);
      }
    }
    if (!wrapper) {
      const general = form.querySelector('[data-form-error]');
      general.textContent = message;
      general.hidden = false;
      return false;
    }
    const box = wrapper.querySelector(':scope > .error');
    box.textContent = message;
    box.hidden = false;
    box.classList.toggle('missing', missing);
    if (!missing) {
      wrapper.classList.add('invalid');
      for (const control of controls) control.setAttribute('aria-invalid', 'true');
    }
    return true;
  }

  return { element: form, showError, clearErrors, inputLabel, variant };
}
