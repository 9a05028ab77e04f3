// kpi.analysis / kpi.analyze through the wasm build: the report shape of spec/api.md, streaming in any
// chunking, options errors as values, unreadable input, and small hand-checked files of each kind.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { load } from '../../dist/servicekpi.mjs';

const kpi = await load();
const encoder = new TextEncoder();

const tickets =
  'id,created_at,first_response_at,resolved_at,status,channel,category,agent,replies,rating,reopens\n' +
  '1,2024-03-04 09:00:00,2024-03-04 09:30:00,2024-03-04 12:00:00,solved,email,Billing,Ann,1,5,0\n' +
  '2,2024-03-04 10:00:00,2024-03-04 11:00:00,2024-03-05 10:00:00,closed,chat,Billing,Bob,3,2,1\n' +
  '3,2024-03-05 08:00:00,,,open,email,Tech,Ann,0,,0\n' +
  '4,2024-03-06 09:00:00,2024-03-06 09:10:00,2024-03-06 09:05:00,solved,phone,Tech,,1,4,0\n' +
  '5,2024-03-11 09:00:00,2024-03-11 13:00:00,,pending,email,Billing,Bob,2,,0\n';

function hasNaN(value) {
  if (typeof value === 'number') return !Number.isFinite(value);
  if (value && typeof value === 'object') return Object.values(value).some(hasNaN);
  return false;
}

test('the report has the top-level keys of spec/api.md and hand-checked ticket figures', () => {
  const r = kpi.analyze(tickets);
  for (const key of ['ok', 'kind', 'rows', 'dialect', 'mapping', 'metrics', 'comparison', 'warnings']) assert.ok(key in r, key);
  assert.equal(r.ok, true);
  assert.equal(r.kind, 'tickets');
  assert.deepEqual([r.rows.read, r.rows.used, r.rows.skipped], [5, 5, 0]);
  for (const key of ['encoding', 'delimiter', 'quote', 'decimal', 'date_order', 'header_row']) assert.ok(key in r.dialect, key);
  const m = r.metrics;
  // first response 1800, 3600, 600, 14400 s; resolution 10800, 86400, 300 s
  const near = (actual, expected) => assert.ok(Math.abs(actual - expected) < 1e-6, `${actual} != ${expected}`);
  assert.deepEqual([m.first_response.mean, m.first_response.median, m.first_response.n], [5100, 2700, 4]);
  near(m.first_response.p90, 11160);  // numpy: 14400 - 10800 * (1 - 0.7) in floating point
  assert.deepEqual([m.resolution.mean, m.resolution.median, m.resolution.n], [32500, 10800, 3]);
  near(m.resolution.p90, 71280);
  assert.equal(m.fcr.definition, 'one_touch');
  assert.equal(m.fcr.n, 3);
  assert.equal(m.backlog.end, 2);
  assert.equal(m.volume.by_week[0].week, '2024-W10');
  assert.equal(m.agents[0].agent, 'Ann');
  assert.equal(hasNaN(r), false);
});

test('feed() in chunks of any size gives the same report', () => {
  const bytes = encoder.encode('\uFEFF' + tickets.replace(/\n/g, '\r\n').replace('Billing,Ann', '"Billing, ""VIP""",Ann'));
  const whole = kpi.analyze(bytes);
  assert.equal(whole.ok, true);
  for (let size = 1; size <= 64; size += 1) {
    const session = kpi.analysis({});
    for (let offset = 0; offset < bytes.length; offset += size) session.feed(bytes.subarray(offset, offset + size));
    assert.deepEqual(session.finish(), whole, `chunk size ${size}`);
    session.delete();
  }
});

test('options nested as in spec/api.md are read; invalid options are errors with a field', () => {
  const ok = kpi.analyze(tickets, { kind: 'auto', mapping: null, options: { time_zone: 'Europe/Tallinn' } });
  assert.equal(ok.ok, true);
  assert.equal(ok.dialect.time_zone, 'Europe/Tallinn');
  const cases = [
    [{ time_zone: 'Mars/Olympus' }, 'options.time_zone.unknown', 'time_zone'],
    [{ kind: 'lottery' }, 'options.kind.unknown', 'kind'],
    [{ business_hours: { weekly: { mon: '18:00-09:00' } } }, 'options.business_hours.invalid_interval', null],
    [{ mapping: { created_at: 'Opened' } }, 'options.mapping.missing_column', 'mapping.created_at'],
    [{ period: { from: '2024-02-01', to: '2024-01-01' } }, 'options.period.invalid', 'period'],
    // Text where a number belongs goes through std::stod, which throws inside the core: the catch
    // must work in wasm too (it did not while exceptions were enabled only at link time).
    [{ fcr_minutes: 'abc' }, 'options.fcr_minutes.invalid', 'fcr_minutes'],
    [{ csat_scale: 'x-5' }, 'options.csat_scale.invalid', 'csat_scale'],
  ];
  for (const [options, code, field] of cases) {
    const r = kpi.analyze(tickets, options);
    assert.equal(r.ok, false, JSON.stringify(options));
    assert.equal(r.error.code, code);
    if (field) assert.equal(r.error.field, field);
    assert.equal(typeof r.error.message, 'string');
  }
});

test('unreadable input is a value, never an exception', () => {
  const empty = kpi.analyze(new Uint8Array(0));
  assert.deepEqual([empty.ok, empty.error.code], [false, 'csv.empty']);
  const zip = kpi.analyze(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 8, 0, 1, 2, 3, 0, 0, 0]));
  assert.deepEqual([zip.ok, zip.error.code], [false, 'csv.binary']);
});

test('bad rows are counted under reason codes and the first ones listed', () => {
  const r = kpi.analyze('date,nps\n2024-01-01,10\n2024-01-02,9,extra\n2024-01-03,NA\n2024-01-04,42\n');
  assert.equal(r.ok, true);
  assert.equal(r.rows.reasons['row.ragged'], 1);
  assert.equal(r.rows.reasons['survey.no_score'], 2);  // NA, and 42 is outside 0-10
  assert.equal(r.rows.issues['value.out_of_scale'], 1);
  assert.deepEqual(r.rows.bad[0], { row: 3, column: null, reason: 'row.ragged' });
  assert.ok(r.warnings.some((w) => w.code === 'row.ragged'));
});

test('each kind from a small file', () => {
  const survey = kpi.analyze('date;score;channel\n01.03.2024;10;web\n02.03.2024;9;web\n15.03.2024;7;app\n02.04.2024;3;app\n');
  assert.equal(survey.kind, 'survey');
  assert.equal(survey.metrics.nps.value, 25);
  const calls = kpi.analyze('End Date,Phone,Status\n01/02/2014,a,Success\n13/02/2014,b,Abandoned\n13/02/2014,c,Success\n');
  assert.equal(calls.kind, 'calls');
  assert.equal(calls.metrics.offered.value, 3);
  assert.equal(calls.metrics.abandoned.value, 1);
  const transactions = kpi.analyze('customer,date,amount\na,2024-01-05,10\na,2024-02-10,20\nb,2024-01-20,5\n');
  assert.equal(transactions.kind, 'transactions');
  assert.equal(transactions.metrics.revenue.value, 35);
  assert.equal(transactions.metrics.repeat_customers.value, 50);
  const qa = kpi.analyze('review_id,agent,criterion,score,weight\nr1,Ann,Speed,100,40\nr1,Ann,Resolution,50,30\nr1,Ann,Tone,80,30\n');
  assert.equal(qa.kind, 'qa');
  assert.equal(qa.metrics.iqs.value, 79);
});

test('period and compare_to give a comparison with change and significance', () => {
  let text = 'created,solved,status\n';
  for (let day = 1; day <= 28; day += 1) text += `2024-02-${String(day).padStart(2, '0')} 10:00,2024-02-${String(day).padStart(2, '0')} 12:00,solved\n`;
  for (let day = 1; day <= 28; day += 1) text += `2024-03-${String(day).padStart(2, '0')} 10:00,${day % 2 ? '' : `2024-03-${String(day).padStart(2, '0')} 18:00`},${day % 2 ? 'open' : 'solved'}\n`;
  const r = kpi.analyze(text, { period: { from: '2024-03-01', to: '2024-03-31' }, compare_to: { from: '2024-02-01', to: '2024-02-29' } });
  assert.equal(r.ok, true);
  const c = r.comparison.metrics;
  assert.equal(c.tickets.a, 28);
  assert.equal(c.tickets.b, 28);
  assert.equal(c.resolution_rate.change, -50);
  assert.equal(c.resolution_rate.significant, true);
  assert.equal(c.resolution.a, 7200);
  assert.equal(c.resolution.b, 28800);
});

test('progress() reports bytes and records while streaming', () => {
  const session = kpi.analysis({});
  session.feed(encoder.encode(tickets));
  const progress = session.progress();
  assert.equal(progress.bytes, encoder.encode(tickets).length);
  session.finish();
  session.delete();
});
