// Downloads of a result: CSV (safe to open in a spreadsheet), JSON (request, result, version) and a
// self-contained HTML report (inline styles and SVG, one printed page). Built from the result model
// of result.mjs; files are made in memory and saved through a blob: URL, so nothing is uploaded.
import { drawChart } from './charts.mjs';
import { usesDecimalComma } from './numbers.mjs';

// A cell starting with one of these is read as a formula by spreadsheets (CSV injection).
const FORMULA_START = /^[=+\-@\t\r]/;

/** Makes one CSV cell safe: formula-like text gets a leading apostrophe; the cell is quoted. */
export function csvCell(value) {
  let text = value === null || value === undefined ? '' : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

function csvNumber(value, decimalComma) {
  if (typeof value !== 'number' || !Number.isFinite(value)) return value === null || value === undefined ? '' : String(value);
  const text = String(Number(value.toPrecision(15)));
  return decimalComma ? text.replace('.', ',') : text;
}

function csvValue(value, decimalComma) {
  if (Array.isArray(value)) return value.map((item) => (typeof item === 'object' ? JSON.stringify(item) : csvNumber(item, decimalComma))).join(' ');
  if (value && typeof value === 'object') return JSON.stringify(value);
  return csvNumber(value, decimalComma);
}

/**
 * The CSV text. Decimal-comma locales get ';' as the delimiter and ',' decimals, as their
 * spreadsheets expect; a BOM makes spreadsheets read UTF-8 (Arabic, Turkish letters).
 */
export function toCsv(model, i18n) {
  const decimalComma = usesDecimalComma(i18n.locale);
  const delimiter = decimalComma ? ';' : ',';
  const rows = [[i18n.t('csv.section'), i18n.t('csv.item'), i18n.t('csv.value'), i18n.t('csv.text')]];
  const section = (key) => i18n.t(`csv.${key}`);
  rows.push([section('metric'), model.title, model.metricId, model.variantLabel]);
  const addInputs = (list, prefix) => {
    for (const row of list ?? []) rows.push([section('input'), prefix ? `${prefix}: ${row.label}` : row.label, csvValue(row.value, decimalComma), row.text]);
  };
  if (model.kind === 'compare') {
    addInputs(model.inputsA, i18n.t('compare.a'));
    addInputs(model.inputsB, i18n.t('compare.b'));
  } else addInputs(model.inputs);
  for (const row of model.options) rows.push([section('option'), row.label, csvValue(row.value, decimalComma), row.text]);
  if (!model.ok) {
    rows.push([section('error'), '', '', model.error]);
  } else if (model.kind === 'compare') {
    for (const [side, single] of [['a', model.a], ['b', model.b]]) {
      const name = i18n.t(`compare.${side}`);
      rows.push([section('result'), name, csvNumber(single.value, decimalComma), `${single.valueText} ${single.unitText}`.trim()]);
      rows.push([section('result'), `${name}: n`, csvNumber(single.n, decimalComma), single.nText]);
      if (single.ci) {
        rows.push([section('result'), `${name}: ${i18n.t('csv.ci_low')}`, csvNumber(single.ci.low, decimalComma), single.ciText]);
        rows.push([section('result'), `${name}: ${i18n.t('csv.ci_high')}`, csvNumber(single.ci.high, decimalComma), single.ciText]);
      }
    }
    rows.push([section('result'), i18n.t('compare.change'), csvNumber(model.change, decimalComma), model.changeText]);
    rows.push([section('result'), 'p', csvNumber(model.pValue, decimalComma), model.significanceText]);
    for (const text of model.warnings) rows.push([section('warning'), '', '', text]);
  } else {
    rows.push([section('result'), model.title, csvNumber(model.value, decimalComma), `${model.valueText} ${model.unitText}`.trim()]);
    rows.push([section('result'), 'n', csvNumber(model.n, decimalComma), model.nText]);
    if (model.ci) {
      rows.push([section('result'), i18n.t('csv.ci_low'), csvNumber(model.ci.low, decimalComma), model.ciText]);
      rows.push([section('result'), i18n.t('csv.ci_high'), csvNumber(model.ci.high, decimalComma), model.ciText]);
    }
    for (const [name, value] of Object.entries(model.response.parts ?? {})) {
      if (typeof value === 'number') rows.push([section('part'), name, csvNumber(value, decimalComma), '']);
    }
    // A table goes in one row per cell, named by caption, row and column: the file keeps its four columns.
    for (const table of model.tables ?? []) {
      const [first, ...others] = table.columns;
      for (const row of table.rows) {
        others.forEach((column, index) => {
          const cell = row.cells[index + 1];
          const item = i18n.t('csv.table_cell', { table: table.caption, row_label: first.label, row: row.cells[0].text, column: column.label });
          rows.push([section('table'), item, csvNumber(cell.value, decimalComma), cell.text]);
        });
      }
    }
    if (model.formula) rows.push([section('formula'), '', '', model.formula]);
    if (model.interpretation) rows.push([section('interpretation'), '', '', model.interpretation]);
    for (const text of model.warnings) rows.push([section('warning'), '', '', text]);
  }
  rows.push([section('version'), 'ServiceKPI', model.version ?? '', '']);
  return `\ufeff${rows.map((row) => row.map(csvCell).join(delimiter)).join('\r\n')}\r\n`;
}

/** The JSON document: the request, the core's result, the version and the texts as shown. */
export function toJson(model) {
  const texts = model.ok
    ? model.kind === 'compare'
      ? { value_a: model.a.valueText, value_b: model.b.valueText, change: model.changeText, significance: model.significanceText, warnings: model.warnings }
      : {
        value: `${model.valueText} ${model.unitText}`.trim(), n: model.nText, ci: model.ciText, formula: model.formula, interpretation: model.interpretation, warnings: model.warnings,
        tables: (model.tables ?? []).map((table) => ({
          caption: table.caption, columns: table.columns.map((column) => column.label),
          rows: table.rows.map((row) => row.cells.map((cell) => cell.text)), current_row: table.rows.findIndex((row) => row.current),
        })),
      }
    : { error: model.error };
  return `${JSON.stringify({
    generator: 'ServiceKPI', version: model.version, created: new Date().toISOString(), language: model.language,
    currency: model.currency || null, metric: model.metricId, variant: model.variantId, kind: model.kind,
    request: model.request, result: model.response, texts,
  }, null, 2)}\n`;
}

export function escapeHtml(text) {
  return String(text ?? '').replace(/[&<>"']/g, (character) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[character]);
}

// A chart next to a table is drawn at this width (its text stays at 13px); alone it is scaled to 560px.
const BESIDE_TABLE = 280;

function svgMarkup(chart, context, width = 0) {
  const svg = drawChart(chart, width ? { ...context, width, panelHeight: 132 } : context);
  if (!svg) return '';
  svg.setAttribute('width', String(width || 560));
  svg.removeAttribute('class');
  return new XMLSerializer().serializeToString(svg);
}

const REPORT_STYLE = `
*{box-sizing:border-box}
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans Arabic",sans-serif;color:#1b2430;margin:0;padding:24px;line-height:1.45;font-size:14px;background:#fff}
main{max-width:760px;margin:0 auto}
header.report{border-bottom:2px solid #1d5fa8;margin-bottom:16px;padding-bottom:8px}
header.report p{margin:2px 0;color:#4a5665}
h1{font-size:22px;margin:0 0 4px}
h2{font-size:19px;margin:0 0 4px;color:#1d5fa8}
h3{font-size:14px;margin:14px 0 4px;text-transform:uppercase;letter-spacing:.04em;color:#4a5665}
section.metric{margin-bottom:28px}
section.metric>*,.figure>*{page-break-inside:avoid;break-inside:avoid}
h2,h3,caption{page-break-after:avoid;break-after:avoid}
section.metric+section.metric{page-break-before:always;break-before:page}
.value{font-size:34px;font-weight:700;margin:6px 0 0}
.unit{font-size:16px;font-weight:400;color:#4a5665}
.meta{color:#4a5665;margin:2px 0}
.formula{font-family:ui-monospace,Menlo,Consolas,monospace;background:#f1f4f8;padding:8px 10px;border-radius:4px;unicode-bidi:plaintext}
table{border-collapse:collapse;width:100%;margin:4px 0}
th,td{border-bottom:1px solid #d5dbe3;padding:4px 6px;text-align:start;vertical-align:top}
th{font-weight:600;width:45%}
table.data{width:auto;font-variant-numeric:tabular-nums;font-size:12px}
table.data caption{text-align:start;font-weight:600;padding:14px 0 4px;font-size:13px}
table.data th,table.data td{width:auto;text-align:end;white-space:nowrap;padding:1px 6px}
table.data thead th{white-space:normal;vertical-align:bottom;color:#4a5665;font-size:11px}
.figures{display:flex;flex-wrap:wrap;gap:0 14px;align-items:flex-start}
.figures>.chart{flex:0 0 280px}
.figures>.tables{flex:1 1 0;min-width:min-content}
.figures table.data caption{padding-top:16px}
table.data tr.current th,table.data tr.current td{background:#e8f0fa;font-weight:700;border-top:2px solid #1d5fa8;border-bottom:2px solid #1d5fa8}
.sr-only{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
ul{margin:4px 0;padding-inline-start:20px}
.error{color:#b3261e;font-weight:600}
.significant{color:#1f7a3a;font-weight:600}
svg{max-width:100%;height:auto}
footer{margin-top:20px;color:#4a5665;font-size:12px;border-top:1px solid #d5dbe3;padding-top:6px}
@page{size:A4;margin:14mm}
@media print{body{padding:0;font-size:12px}.value{font-size:28px}h3{margin:10px 0 3px}th,td{padding:2px 6px}header.report{margin-bottom:10px}footer{margin-top:10px}}
`;

function rowsTable(rows) {
  if (!rows?.length) return '';
  return `<table><tbody>${rows.map((row) => `<tr><th scope="row">${escapeHtml(row.label)}</th><td><bdi>${escapeHtml(row.text)}</bdi></td></tr>`).join('')}</tbody></table>`;
}

// "n = 100 · 95% interval …", each part a bidi isolate so "n = 100" keeps its order in Arabic.
function metaHtml(single) {
  return [single.nText, single.ciText].filter(Boolean).map((text) => `<bdi>${escapeHtml(text)}</bdi>`).join(' · ');
}

function dataTable(table) {
  const head = `<thead><tr>${table.columns.map((column) => `<th scope="col">${escapeHtml(column.label)}</th>`).join('')}</tr></thead>`;
  const body = table.rows.map((row) => `<tr${row.current ? ' class="current" aria-current="true"' : ''}>${row.cells.map((cell, index) => (index === 0
    ? `<th scope="row"><bdi>${escapeHtml(cell.text)}</bdi>${row.current ? `<span class="sr-only"> (${escapeHtml(table.currentNote)})</span>` : ''}</th>`
    : `<td><bdi>${escapeHtml(cell.text)}</bdi></td>`)).join('')}</tr>`).join('');
  return `<table class="data"><caption>${escapeHtml(table.caption)}</caption>${head}<tbody>${body}</tbody></table>`;
}

function sectionHtml(model, i18n, chartContext) {
  const parts = [`<section class="metric"><h2>${escapeHtml(model.title)}${model.variantLabel ? ` — ${escapeHtml(model.variantLabel)}` : ''}</h2>`];
  if (model.description) parts.push(`<p class="meta">${escapeHtml(model.description)}</p>`);
  if (model.kind === 'compare') {
    parts.push(`<h3>${escapeHtml(i18n.t('compare.a'))}</h3>${rowsTable(model.inputsA)}`);
    parts.push(`<h3>${escapeHtml(i18n.t('compare.b'))}</h3>${rowsTable(model.inputsB)}`);
  } else {
    parts.push(`<h3>${escapeHtml(i18n.t('report.inputs'))}</h3>${rowsTable(model.inputs)}`);
  }
  if (model.options.length) parts.push(`<h3>${escapeHtml(i18n.t('form.options'))}</h3>${rowsTable(model.options)}`);
  parts.push(`<h3>${escapeHtml(i18n.t('result.heading'))}</h3>`);
  if (!model.ok) {
    parts.push(`<p class="error">${escapeHtml(model.error)}</p>`);
  } else if (model.kind === 'compare') {
    for (const [side, single] of [['a', model.a], ['b', model.b]]) {
      parts.push(`<p><strong>${escapeHtml(i18n.t(`compare.${side}`))}:</strong> <span class="value" style="font-size:22px">${escapeHtml(single.valueText)}</span> <span class="unit">${escapeHtml(single.unitText)}</span></p>`);
      parts.push(`<p class="meta">${metaHtml(single)}</p>`);
    }
    parts.push(`<p><strong>${escapeHtml(i18n.t('compare.change'))}:</strong> ${escapeHtml(model.changeText)}${model.relativeText ? ` (${escapeHtml(model.relativeText)})` : ''}</p>`);
    parts.push(`<p class="${model.significant ? 'significant' : ''}">${escapeHtml(model.significanceText)}</p>`);
    if (model.changeCiText) parts.push(`<p class="meta">${escapeHtml(model.changeCiText)}</p>`);
    if (model.warnings.length) parts.push(`<ul>${model.warnings.map((text) => `<li>${escapeHtml(text)}</li>`).join('')}</ul>`);
    parts.push(svgMarkup(model.a.chart, chartContext), svgMarkup(model.b.chart, chartContext));
  } else {
    parts.push(`<p class="value">${escapeHtml(model.valueText)} <span class="unit">${escapeHtml(model.unitText)}</span></p>`);
    const meta = metaHtml(model);
    if (meta) parts.push(`<p class="meta">${meta}</p>`);
    if (model.interpretation) parts.push(`<p>${escapeHtml(model.interpretation)}</p>`);
    if (model.formula) parts.push(`<h3>${escapeHtml(i18n.t('result.formula'))}</h3><p class="formula">${escapeHtml(model.formula)}</p>`);
    if (model.warnings.length) parts.push(`<h3>${escapeHtml(i18n.t('result.warnings'))}</h3><ul>${model.warnings.map((text) => `<li>${escapeHtml(text)}</li>`).join('')}</ul>`);
    const tables = (model.tables ?? []).map(dataTable).join('');
    // A chart and a table of the same figures sit side by side, so the report stays short on paper.
    const svg = svgMarkup(model.chart, chartContext, tables ? BESIDE_TABLE : 0);
    const chart = svg ? `<h3>${escapeHtml(i18n.t('result.chart'))}</h3>${svg}` : '';
    if (chart && tables) parts.push(`<div class="figures"><div class="figure chart">${chart}</div><div class="figure tables">${tables}</div></div>`);
    else parts.push(chart, tables);
  }
  parts.push('</section>');
  return parts.join('\n');
}

/**
 * A self-contained HTML report for one or more results. chartContexts: one {i18n, inputLabel}
 * per model (labels of chart items may name inputs).
 */
export function toHtmlReport(models, i18n, chartContexts) {
  const date = new Intl.DateTimeFormat(i18n.locale, { dateStyle: 'long', timeStyle: 'short' }).format(new Date());
  const title = models.length === 1 ? `${i18n.t('report.title')} — ${models[0].title}` : i18n.t('report.title');
  const version = models[0]?.version ?? '';
  return `<!doctype html>
<html lang="${escapeHtml(i18n.lang)}" dir="${escapeHtml(i18n.dir)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${escapeHtml(title)}</title>
<style>${REPORT_STYLE}</style>
</head>
<body>
<main>
<header class="report"><h1>${escapeHtml(title)}</h1><p>${escapeHtml(i18n.t('report.generated', { date }))}</p></header>
${models.map((model, index) => sectionHtml(model, i18n, chartContexts[index])).join('\n')}
<footer>${escapeHtml(i18n.t('report.footer', { version }))}</footer>
</main>
</body>
</html>
`;
}

/** Saves text as a file through a blob: URL (the sql.js recipe); nothing leaves the machine. */
export function saveFile(name, text, type) {
  const blob = new Blob([text], { type });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

export function fileName(metricId, extension, date = new Date()) {
  const day = date.toISOString().slice(0, 10);
  return `servicekpi-${metricId}-${day}.${extension}`;
}
