// The public JS API (dist/servicekpi.mjs) under Node: the same worked examples and error shapes as the
// native GoogleTest suite, through the wasm build, so native and wasm cannot drift.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { load } from '../../dist/servicekpi.mjs';

const kpi = await load();
const catalogue = kpi.catalogue();

test('load() is memoised and exposes the documented surface', async () => {
  assert.equal(await load(), kpi);
  assert.match(kpi.version, /^\d+\.\d+\.\d+$/);
  for (const name of ['catalogue', 'compute', 'compare', 'analysis', 'analyze']) assert.equal(typeof kpi[name], 'function');
});

test('the issue check: NPS 70/20/10 is 60 with 95% CI [47.0, 73.0]', () => {
  const result = kpi.compute({ metric: 'nps', inputs: { promoters: 70, passives: 20, detractors: 10 } });
  assert.equal(result.ok, true);
  assert.equal(result.value, 60);
  assert.equal(result.unit, 'score');
  assert.equal(result.n, 100);
  assert.equal(result.ci.low.toFixed(1), '47.0');
  assert.equal(result.ci.high.toFixed(1), '73.0');
  assert.equal(result.ci.level, 0.95);
  assert.equal(result.formula.key, 'formula.nps');
  assert.deepEqual(Object.keys(result.formula.values).sort(), ['detractor_share', 'promoter_share', 'value']);
});

test('every worked example of the catalogue computes to its value through wasm', () => {
  let count = 0;
  for (const metric of catalogue.metrics) {
    for (const variant of metric.variants) {
      for (const example of variant.examples) {
        const result = kpi.compute({ metric: metric.id, variant: variant.id, inputs: example.inputs, options: example.options });
        assert.equal(result.ok, true, `${example.name}: ${JSON.stringify(result.error)}`);
        assert.ok(Math.abs(result.value - example.value) < 1e-9, `${example.name}: ${result.value} ≠ ${example.value}`);
        if (example.ci) {
          assert.ok(Math.abs(result.ci.low - example.ci.low) < 0.05, `${example.name} ci low ${result.ci.low}`);
          assert.ok(Math.abs(result.ci.high - example.ci.high) < 0.05, `${example.name} ci high ${result.ci.high}`);
        }
        count += 1;
      }
    }
  }
  assert.ok(count >= 20, `only ${count} examples`);
});

// Worked examples of spec/metrics.md, spelled out here too so that a catalogue edit cannot quietly drop one.
const workedExamples = [
  ['csat 30 of 50', { metric: 'csat', inputs: { satisfied: 30, responses: 50 } }, 60],
  ['nps 70% and 10%', { metric: 'nps', inputs: { promoter_percent: 70, detractor_percent: 10 } }, 60],
  ['nps 80% and 15%', { metric: 'nps', inputs: { promoter_percent: 80, detractor_percent: 15 } }, 65],
  ['nps ratings', { metric: 'nps', inputs: { ratings: [10, 9, 8, 3, 10] } }, 40],
  ['ces mean', { metric: 'ces', variant: 'mean', inputs: { ratings: [2, 3, 1, 5, 4] } }, 3],
  ['iqs', { metric: 'iqs', inputs: { weights: [40, 30, 30], scores: [100, 50, 80] } }, 79],
  ['engagement', { metric: 'engagement', inputs: { components: [{ name: 'loyalty', weight: 1, part: 400, whole: 2000 }, { name: 'training', weight: 1, part: 300, whole: 2000 }] } }, 17.5],
  ['referral', { metric: 'referral_rate', inputs: { referred_new: 45, new_customers: 300 } }, 15],
  ['feedback response', { metric: 'feedback_response_rate', inputs: { responded: 120, received: 150 } }, 80],
  ['crr 200/200/20', { metric: 'crr', inputs: { start: 200, end: 200, new: 20 } }, 90],
  ['crr 100/90/15', { metric: 'crr', inputs: { start: 100, end: 90, new: 15 } }, 75],
  ['churn 20 of 250', { metric: 'churn', inputs: { lost: 20, start: 250 } }, 8],
  ['churn from crr 75', { metric: 'churn', inputs: { start: 100, end: 90, new: 15 } }, 25],
  ['clv basic', { metric: 'clv', variant: 'basic', inputs: { purchase_value: 50, purchases_per_year: 5, lifespan_years: 3 } }, 750],
  ['clv historical', { metric: 'clv', variant: 'historical', inputs: { purchases: [120, 80, 200], gross_margin: 0.25 } }, 100],
  ['clv predictive', { metric: 'clv', variant: 'predictive', inputs: { monthly_transactions: 2, order_value: 40, lifespan_months: 24 } }, 1920],
  ['clv net of cac', { metric: 'clv', variant: 'net_of_cac', inputs: { annual_revenue: 600, years: 4, cac: 150 } }, 2250],
  ['cac', { metric: 'cac', inputs: { spend: 10000, customers_acquired: 20000 } }, 0.5],
  ['resolution time 2 days', { metric: 'resolution_time', inputs: { durations: [172800] } }, 172800],
  ['fcr 340 of 400', { metric: 'fcr', inputs: { first_contact_resolved: 340, resolved: 400 } }, 85],
  ['resolution rate 180/20', { metric: 'resolution_rate', inputs: { resolved: 180, unresolved: 20 } }, 90],
  ['wait time 500 min over 200', { metric: 'wait_time', inputs: { total_wait_seconds: 30000, answered: 200 } }, 150],
  ['aht 8 minutes', { metric: 'aht', inputs: { talk_seconds: 180000, hold_seconds: 24000, wrap_seconds: 36000, handled: 500 } }, 480],
  ['service level 680 of 850', { metric: 'service_level', inputs: { answered_within: 680, offered: 850 } }, 80],
  ['cost per ticket', { metric: 'support_cost', variant: 'per_ticket', inputs: { cost: 25000, tickets: 5000 } }, 5],
  ['cost share', { metric: 'support_cost', variant: 'share', inputs: { cost: 25000, revenue: 400000 } }, 6.25],
];
for (const [name, request, expected] of workedExamples) {
  test(`worked example: ${name}`, () => {
    const result = kpi.compute(request);
    assert.equal(result.ok, true, JSON.stringify(result.error));
    assert.ok(Math.abs(result.value - expected) < 1e-9, `${result.value} ≠ ${expected}`);
  });
}

test('bad input returns {ok:false, error:{code, field, message}} and never throws', () => {
  const cases = [
    [{ metric: 'crr', inputs: { start: 0, end: 5, new: 1 } }, 'input.zero_denominator', 'start'],
    [{ metric: 'nps', inputs: { promoters: NaN, passives: 1, detractors: 1 } }, 'input.not_finite', 'promoters'],
    [{ metric: 'nps', inputs: { promoters: Infinity, passives: 1, detractors: 1 } }, 'input.not_finite', 'promoters'],
    [{ metric: 'nps', inputs: { promoters: '12', passives: 1, detractors: 1 } }, 'input.not_a_number', 'promoters'],
    [{ metric: 'nps', inputs: { promoters: -3, passives: 1, detractors: 1 } }, 'input.negative', 'promoters'],
    [{ metric: 'nps', inputs: { promoter_percent: 120, detractor_percent: 1 } }, 'input.above_max', 'promoter_percent'],
    [{ metric: 'csat', inputs: { satisfied: 51, responses: 50 } }, 'input.part_exceeds_whole', 'satisfied'],
    [{ metric: 'csat', inputs: { ratings: [] } }, 'input.empty', 'ratings'],
    [{ metric: 'csat', inputs: { ratings: [1, 6] } }, 'input.rating_out_of_scale', 'ratings[1]'],
    [{ metric: 'nps', inputs: { bogus: 1 } }, 'input.unknown', 'bogus'],
    [{ metric: 'bogus', inputs: {} }, 'request.unknown_metric', 'metric'],
    [{ metric: 'ces', variant: 'bogus', inputs: {} }, 'request.unknown_variant', 'variant'],
  ];
  for (const [request, code, field] of cases) {
    const result = kpi.compute(request);
    assert.equal(result.ok, false, JSON.stringify(request));
    assert.equal(result.error.code, code, JSON.stringify(request));
    assert.equal(result.error.field, field, JSON.stringify(request));
    assert.equal(typeof result.error.message, 'string');
    assert.equal('value' in result, false);
  }
  const circular = { metric: 'nps', inputs: {} };
  circular.inputs.self = circular;
  assert.equal(kpi.compute(circular).error.code, 'request.invalid');
  assert.equal(kpi.compute(undefined).error.code, 'request.invalid');
  assert.equal(kpi.compute('not an object').error.code, 'request.invalid');
});

test('compare: change and significance', () => {
  const result = kpi.compare({ metric: 'nps', a: { promoters: 50, passives: 30, detractors: 20 }, b: { promoters: 60, passives: 25, detractors: 15 } });
  assert.equal(result.ok, true);
  assert.equal(result.change, 15);
  assert.equal(typeof result.significant, 'boolean');
  assert.ok(result.p_value > 0 && result.p_value < 1);
  const shares = kpi.compare({ metric: 'csat', a: { satisfied: 45, responses: 100 }, b: { satisfied: 60, responses: 100 } });
  assert.equal(shares.significant, true);
  assert.ok(Math.abs(shares.p_value - 0.03367) < 1e-4);
  assert.equal(kpi.compare({ metric: 'csat', a: { satisfied: 4, responses: 10 }, b: { satisfied: 11, responses: 10 } }).error.field, 'b.satisfied');
});

test('the catalogue describes every metric completely enough to render a form', () => {
  assert.deepEqual(catalogue.groups.map((group) => group.id), ['experience', 'retention', 'operations', 'staffing']);
  for (const metric of catalogue.metrics) {
    assert.ok(catalogue.texts[metric.name_key], `${metric.id} has a name`);
    assert.ok(catalogue.texts[metric.description_key], `${metric.id} has a description`);
    for (const variant of metric.variants) {
      assert.ok(variant.unit, `${metric.id}/${variant.id} unit`);
      assert.ok(variant.formula_keys.length > 0, `${metric.id}/${variant.id} formula`);
      for (const key of variant.formula_keys) assert.ok(catalogue.texts[key], key);
      for (const set of variant.input_sets) for (const name of set.inputs) assert.ok(variant.inputs.some((input) => input.name === name));
      for (const input of variant.inputs) {
        assert.ok(catalogue.texts[input.label_key], `${metric.id}.${input.name} label`);
        assert.ok(['count', 'number', 'percent', 'fraction', 'seconds', 'money', 'count_list', 'rating_list', 'number_list',
          'seconds_list', 'money_list', 'score_table', 'component_list'].includes(input.kind), input.kind);
      }
    }
  }
});

test('analysis sessions accept chunks of any type and can be deleted', () => {
  const session = kpi.analysis({});
  session.feed(new TextEncoder().encode('a,b\n1,2\n'));
  session.feed('3,4\n');
  session.feed(new Uint8Array([53, 44, 54, 10]).buffer);
  const report = session.finish();
  assert.equal(typeof report.ok, 'boolean');
  assert.deepEqual(session.finish(), report);
  session.delete();
  session.delete();
  assert.throws(() => session.feed('x'), /deleted/);
});
