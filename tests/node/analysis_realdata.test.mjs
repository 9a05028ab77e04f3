// kpi.analyze on every file of ../shared/realdata (read in place, never copied into the project),
// through the wasm build. The expected figures were computed independently with plain Python 3 (the
// csv module and a hand-written numpy-style quantile, no code shared with the engine); the script is
// printed in docs/analysis.md under "How the expected figures were obtained". Each test skips with a
// message when the folder or its file is absent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { load } from '../../dist/servicekpi.mjs';

const folder = new URL('../../../shared/realdata/', import.meta.url);
const kpi = await load();

function fileOrSkip(name) {
  const url = new URL(name, folder);
  const path = fileURLToPath(url);
  return existsSync(path) ? { bytes: readFileSync(path) } : { skip: `realdata file absent: ${path}` };
}

// Runs `body(report)` on the file, or registers a skipped test saying why.
function realdata(title, name, body, options = {}) {
  const file = fileOrSkip(name);
  if (file.skip) {
    test(title, { skip: file.skip }, () => {});
    return;
  }
  test(title, () => {
    const report = kpi.analyze(new Uint8Array(file.bytes), options);
    assert.equal(report.ok, true, JSON.stringify(report.error));
    body(report, file.bytes);
  });
}

const close = (actual, expected, tolerance = 1e-9) =>
  assert.ok(Math.abs(actual - expected) <= tolerance * Math.max(1, Math.abs(expected)), `${actual} != ${expected}`);

realdata('NPS survey (1-10 scale, NA, Latin-1 comments): NPS, n and bands', 'BenaventC__NPSgame__nps.csv', (r) => {
  // Python: csv.DictReader(encoding='latin-1'); nps != 'NA'; promoters >= 9, passives 7-8, detractors <= 6
  assert.equal(r.kind, 'survey');
  assert.equal(r.dialect.encoding, 'windows-1252');
  assert.equal(r.rows.read, 13954);
  assert.equal(r.rows.reasons['survey.no_score'], 10);
  const nps = r.metrics.nps;
  assert.equal(nps.n, 13612);
  assert.equal(nps.promoters, 8465);
  assert.equal(nps.passives, 3953);
  assert.equal(nps.detractors, 1194);
  assert.equal(nps.scale, '1-10');
  close(nps.value, 53.41610343814281);
  // satisfaction 1-10: 9-10 satisfied
  assert.equal(r.metrics.csat.n, 13893);
  close(r.metrics.csat.value, 52.5660404520262);
  close(r.metrics.csat.mean, 8.34938458216368);
});

realdata('ServiceNow incident event log: one record per number, last row wins', 'chinthan11shah__Incident-Management-System__incident_event_log.csv', (r) => {
  // Python: last[r['number']] = r over file order; resolution = resolved_at - opened_at (dd-mm-yyyy HH:MM)
  // where resolved_at != '?'; reopened = reopen_count > 0 among Resolved/Closed
  const m = r.metrics;
  assert.equal(r.kind, 'tickets');
  assert.equal(r.rows.read, 5998);
  assert.equal(r.rows.records, 890);
  assert.equal(r.dialect.date_order, 'dmy');
  assert.equal(m.tickets.value, 890);
  assert.equal(m.resolution_rate.resolved, 890);
  assert.equal(m.resolution.n, 861);
  close(m.resolution.mean, 1137120.3484320557);
  assert.equal(m.resolution.median, 196080);
  assert.equal(m.resolution.p90, 2743380);
  assert.equal(m.reopen_rate.count, 10);
  assert.equal(m.reopen_rate.n, 890);
  close(m.reopen_rate.value, 100 * 10 / 890);
  assert.deepEqual(m.volume.by_month.map((x) => [x.month, x.count]), [['2016-02', 207], ['2016-03', 683]]);
  assert.deepEqual([m.volume.by_category[0].category, m.volume.by_category[0].count], ['Category 45', 204]);
  assert.deepEqual([m.volume.by_category[1].category, m.volume.by_category[1].count], ['Category 53', 166]);
  assert.deepEqual(m.volume.by_channel.map((x) => [x.channel, x.count]), [['Phone', 890]]);
  assert.equal(m.sla.made_sla.count, 495);
});

realdata('PBX call log: offered, answered, abandoned, dd/mm inferred', 'elokudzo__elastix-call-center-report__call_center.csv', (r) => {
  // Python: Status counts (Success 301, Abandoned 48); dates parsed with %d/%m/%Y
  const m = r.metrics;
  assert.equal(r.kind, 'calls');
  assert.equal(r.dialect.date_order, 'dmy');
  assert.equal(r.dialect.date_order_source, 'data');
  assert.equal(m.offered.value, 349);
  assert.equal(m.answered.value, 301);
  assert.equal(m.abandoned.value, 48);
  close(m.abandon_rate.value, 100 * 48 / 349);
  assert.equal(m.arrivals.peak.start, '2014-01-28');
  assert.equal(m.arrivals.peak.calls, 40);
  assert.equal(m.volume.by_day[0].date, '2014-01-01');
  assert.equal(m.volume.by_day.at(-1).date, '2014-01-31');
});

realdata('hourly arrivals: total calls and arrivals per interval', 'AndriiLatysh__ml_4__call_center.csv', (r) => {
  // Python: sum(calls) = 90061 over 336 hours; mean of the 18:00 rows = 566.714...
  const arrivals = r.metrics.arrivals;
  assert.equal(r.kind, 'calls');
  assert.equal(arrivals.interval_minutes, 60);
  assert.equal(arrivals.intervals, 336);
  assert.equal(arrivals.total, 90061);
  close(arrivals.mean_per_interval, 90061 / 336);
  assert.deepEqual(arrivals.peak, { start: '2018-01-01T18:00', calls: 1601 });
  assert.equal(arrivals.series.length, 336);
  assert.equal(arrivals.series[0].calls, 256);
  close(arrivals.by_time_of_day[18].mean, 566.7142857142857);
  assert.equal(r.metrics.volume.by_day[0].count, 9284);
});

realdata('CDNOW transactions (whitespace, YYYYMMDD): customers, revenue, repeat share', 'CamDavidsonPilon__lifetimes__CDNOW_master.txt', (r) => {
  // Python: line.split(); customers = distinct ids; repeat = customers with >= 2 rows;
  // monthly retention = sum |active(m) & active(m+1)| / sum |active(m)|
  const m = r.metrics;
  assert.equal(r.kind, 'transactions');
  assert.equal(r.dialect.whitespace_delimited, true);
  assert.equal(m.transactions.value, 69659);
  assert.equal(m.customers.value, 23570);
  close(m.revenue.value, 2500315.63, 1e-10);
  close(m.clv.revenue_per_customer, 106.0804255409593);
  close(m.repeat_customers.value, 49.478150190920665);
  assert.equal(m.quantity.value, 167881);
  assert.equal(m.order_value.median, 25.98);
  close(m.retention.value, 23.85981846193826);
  assert.equal(m.retention.n, 53873);
  assert.equal(m.retention.series.length, 18);
});

realdata('CDNOW customer summary: no known layout, read as numbers (kind "table")', 'CamDavidsonPilon__lifetimes__cdnow_customers_summary_with_transactions.csv', (r) => {
  // Python: float() of every cell; mean / numpy-style quantiles per column
  assert.equal(r.kind, 'table');
  const byName = Object.fromEntries(r.metrics.columns.map((c) => [c.name, c]));
  assert.equal(byName.x.n, 2357);
  close(byName.x.mean, 1.0424268137462878);
  assert.equal(byName.x.p90, 3);
  close(byName.T.median, 32.71);
  close(byName.zbar.sum, 33184.31, 1e-10);
  close(byName.zbar.p90, 41.798);
});

realdata('streaming in 1-byte to 4 KiB chunks gives the same report', 'elokudzo__elastix-call-center-report__call_center.csv', (whole, bytes) => {
  for (const size of [1, 3, 64, 4096]) {
    const session = kpi.analysis({});
    for (let offset = 0; offset < bytes.length; offset += size) session.feed(new Uint8Array(bytes.subarray(offset, offset + size)));
    const report = session.finish();
    session.delete();
    assert.deepEqual(report, whole, `chunk ${size}`);
  }
});
