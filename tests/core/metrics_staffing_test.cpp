// Erlang B, C and A numerics and the staffing metric. Expected values were computed independently in Python:
// Erlang B/C as exact rationals (fractions.Fraction, Σ A^k/k!) with mpmath exp at 50 digits; large sizes by
// the scaled sum 1/B = Σ Π (c − m)/A at 60 digits; Erlang A by a 40-digit birth–death chain with a separate
// uniformization per queue position (checked against mpmath.expm), and for 1,800 erlangs by one uniformization
// of the whole queue chain in floating point. The same values are hard-coded here.
#include <cmath>
#include <vector>

#include "core/metrics/erlang.hpp"
#include "core/metrics/spec.hpp"
#include "tests/core/metrics_test_util.hpp"

namespace skpi::metric_tests {
namespace {

using nlohmann::json;
namespace erlang = metrics::erlang;

void expect_relative(double actual, double expected, double tolerance, const std::string& what = "") {
  EXPECT_NEAR(actual, expected, std::fabs(expected) * tolerance) << what;
}

// ---------------------------------------------------------------- Erlang B and C

TEST(ErlangBlocking, TenErlangsMatchExactRationals) {
  // B(10, c) = (10^c/c!) / Σ_{k≤c} 10^k/k!, exact.
  expect_relative(erlang::blocking(10, 10), 0.2145823431073473406278054, 1e-14);
  expect_relative(erlang::blocking(10, 13), 0.084338862672366485893, 1e-14);
  expect_relative(erlang::blocking(10, 14), 0.056819143386520859091, 1e-14);
  expect_relative(erlang::blocking(10, 15), 0.036496945472370793152, 1e-14);
  EXPECT_DOUBLE_EQ(erlang::blocking(10, 0), 1.0);
  EXPECT_DOUBLE_EQ(erlang::blocking(0, 3), 0.0);
}

TEST(ErlangBlocking, ThousandsOfErlangsStayAccurate) {
  // 1,800 erlangs on 1,850 lines: A^c/c! alone is about 10^5300; the recursion never forms it.
  expect_relative(erlang::blocking(1800, 1850), 0.0052800933581084206691, 1e-9);
  expect_relative(erlang::blocking(1800, 1800), 0.01857261037531258545119551, 1e-9);
  expect_relative(erlang::blocking(1800, 1801), 0.01822401832879226469793394, 1e-9);
  // 20,000 erlangs on 20,200 lines (scaled sum at 60 digits).
  expect_relative(erlang::blocking(20000, 20200), 0.001124064542697133181904, 1e-9);
}

TEST(ErlangC, TextbookTenErlangs) {
  // 100 calls per 30 minutes, AHT 180 s → A = 10 erlangs; target 80% in 20 s.
  const erlang::Point thirteen = erlang::erlang_c(10, 13, 180, 20);
  expect_relative(thirteen.wait_probability, 0.28527045303649293634, 1e-12);
  expect_relative(thirteen.service_level, 0.7955947884177831191, 1e-12);
  expect_relative(thirteen.asa_seconds, 17.11622718218957618, 1e-12);
  const erlang::Point fourteen = erlang::erlang_c(10, 14, 180, 20);
  expect_relative(fourteen.wait_probability, 0.17413193359504984264, 1e-12);
  expect_relative(fourteen.service_level, 0.88835001917946688425, 1e-12);
  expect_relative(fourteen.asa_seconds, 7.835937011777242919, 1e-12);
  EXPECT_DOUBLE_EQ(fourteen.occupancy, 10.0 / 14.0);
}

TEST(ErlangC, EighteenHundredErlangsOnEighteenFiftyAgents) {
  const erlang::Point point = erlang::erlang_c(1800, 1850, 180, 20);
  ASSERT_TRUE(std::isfinite(point.wait_probability));
  expect_relative(point.wait_probability, 0.16415947039507990178, 1e-9);
  expect_relative(point.service_level, 0.99936537259731447062, 1e-9);
  expect_relative(point.asa_seconds, 0.59097409342228764641, 1e-9);
  expect_relative(erlang::wait_probability(20000, 20200), 0.1020584862454276253215, 1e-9);
}

TEST(ErlangC, TinyTraffic) {
  // 1 contact in 30 minutes at 60 s: A = 1/30; one agent waits with probability A.
  const erlang::Point point = erlang::erlang_c(1.0 / 30, 1, 60, 20);
  expect_relative(point.wait_probability, 1.0 / 30, 1e-13);
  expect_relative(point.service_level, 0.97584876119399785228, 1e-13);
  expect_relative(point.asa_seconds, 2.0689655172413793103, 1e-13);
}

TEST(ErlangC, RangeEqualsSinglePoints) {
  const auto rows = erlang::erlang_c_range(1800, 1801, 1850, 180, 20);
  ASSERT_EQ(rows.size(), 50u);
  EXPECT_EQ(rows.front().agents, 1801);
  expect_relative(rows.back().wait_probability, erlang::erlang_c(1800, 1850, 180, 20).wait_probability, 1e-13);
}

TEST(ErlangSearch, SmallestAgentsUnderErlangC) {
  const erlang::Target target{0.8, 20, 1.0};
  const auto textbook = erlang::erlang_c_agents(10, 180, target);
  ASSERT_EQ(textbook.status, erlang::SearchStatus::found);
  EXPECT_EQ(textbook.agents, 14);
  EXPECT_FALSE(textbook.occupancy_binding);
  // 1811 agents: 78.98%, 1812: 81.79% (exact rationals).
  EXPECT_EQ(erlang::erlang_c_agents(1800, 180, target).agents, 1812);
  EXPECT_EQ(erlang::erlang_c_agents(1.0 / 30, 60, target).agents, 1);
  const auto capped = erlang::erlang_c_agents(10, 180, erlang::Target{0.8, 20, 0.7});
  EXPECT_EQ(capped.agents, 15);  // 10 / 0.7 = 14.3
  EXPECT_TRUE(capped.occupancy_binding);
  // Exactly on the limit counts as meeting it: 7 erlangs on 10 agents is 70%.
  EXPECT_EQ(erlang::erlang_c_agents(7, 180, erlang::Target{0.01, 20, 0.7}).agents, 10);
  const auto unreachable = erlang::erlang_c_agents(1000, 180, erlang::Target{0.8, 20, 0.01});
  EXPECT_EQ(unreachable.status, erlang::SearchStatus::unreachable);
  EXPECT_EQ(unreachable.limit, 1000 + 316 + 1000);
  EXPECT_EQ(erlang::erlang_c_agents(2e5, 180, target).status, erlang::SearchStatus::unreachable);
  EXPECT_EQ(erlang::agent_limit(1e9), 100000);
}

// ---------------------------------------------------------------- Erlang A

// Brute-force reference for small systems, written independently of erlang.cpp: plain products for the
// stationary distribution, and for each queue position a uniformization of the absorbing chain
// (i ahead → i − 1 at rate cμ + iθ, own abandonment at rate θ) with Poisson weights by recursion.
struct Reference {
  double wait_probability, service_level, abandon_probability, answered, asa_seconds;
};

double answered_within_uniformized(long long c, double aht, double patience, double t, long long ahead) {
  const double mu = 1 / aht, theta = 1 / patience;
  const auto rate = [&](long long i) { return static_cast<double>(c) * mu + static_cast<double>(i) * theta; };
  const double uniform = rate(ahead) + theta;
  std::vector<double> answered_by(static_cast<std::size_t>(ahead) + 1, 0.0);  // P(answered within k steps | i ahead)
  const double lt = uniform * t;
  const long long steps = static_cast<long long>(lt + 40 * std::sqrt(lt) + 100);
  double total = 0;
  for (long long k = 0; k <= steps; ++k) {
    const double poisson = std::exp(-lt + static_cast<double>(k) * std::log(lt) - std::lgamma(static_cast<double>(k) + 1));
    total += poisson * answered_by[static_cast<std::size_t>(ahead)];
    std::vector<double> next(answered_by.size());
    for (long long i = 0; i <= ahead; ++i) {
      const double onward = i == 0 ? 1.0 : answered_by[static_cast<std::size_t>(i - 1)];
      next[static_cast<std::size_t>(i)] = rate(i) / uniform * onward +
                                          (1 - (rate(i) + theta) / uniform) * answered_by[static_cast<std::size_t>(i)];
    }
    answered_by = next;
  }
  return total;
}

Reference erlang_a_reference(double traffic, long long c, double aht, double patience, double t) {
  const double mu = 1 / aht, theta = 1 / patience, lambda = traffic * mu;
  std::vector<double> weights{1.0};
  for (long long n = 1; weights.back() > 1e-30 || n <= c; ++n) {
    const double departures = static_cast<double>(std::min(n, c)) * mu + static_cast<double>(std::max(n - c, 0LL)) * theta;
    weights.push_back(weights.back() * lambda / departures);
  }
  double total = 0;
  for (double weight : weights) total += weight;
  Reference out{};
  double queue = 0, within = 0, answered = 0, wait = 0;
  for (std::size_t n = 0; n < weights.size(); ++n) {
    const double p = weights[n] / total;
    if (static_cast<long long>(n) < c) {
      within += p;
      answered += p;
      continue;
    }
    const long long ahead = static_cast<long long>(n) - c;
    out.wait_probability += p;
    queue += p * static_cast<double>(ahead);
    double share = 1, time = 0;  // P(answered), E[wait · 1{answered}] from the first-step recursion
    for (long long i = 0; i <= ahead; ++i) {
      const double r = static_cast<double>(c) * mu + static_cast<double>(i) * theta, q = r + theta;
      time = r / q * (share / q + time);
      share *= r / q;
    }
    answered += p * share;
    wait += p * time;
    if (p > 1e-18) within += p * answered_within_uniformized(c, aht, patience, t, ahead);
  }
  out.service_level = within;
  out.abandon_probability = theta * queue / lambda;
  out.answered = answered;
  out.asa_seconds = wait / answered;
  return out;
}

TEST(ErlangA, AnsweredWithinMatchesMatrixExponential) {
  // 12 agents, AHT 180 s, patience 60 s, 20 s: mpmath.expm of the absorbing chain's generator at 40 digits.
  expect_relative(erlang::erlang_a_answered_within(12, 180, 60, 20, 0), 0.648899517729950529231555, 1e-12);
  expect_relative(erlang::erlang_a_answered_within(12, 180, 60, 20, 1), 0.3622818661051282858044398, 1e-12);
  expect_relative(erlang::erlang_a_answered_within(12, 180, 60, 20, 5), 0.01450572304403577135803458, 1e-11);
}

TEST(ErlangA, AnsweredWithinMatchesUniformizationInEveryRegime) {
  struct Case { long long c; double aht, patience, t; };
  // Long and short patience (θt ≫ 1 too), long targets, a large team.
  for (const Case& x : {Case{12, 180, 60, 20}, Case{3, 300, 5, 60}, Case{20, 60, 1e6, 30}, Case{5, 100, 30, 600},
                        Case{200, 180, 120, 20}}) {
    for (long long ahead : {0LL, 1LL, 4LL, 17LL, 60LL}) {
      const double expected = answered_within_uniformized(x.c, x.aht, x.patience, x.t, ahead);
      EXPECT_NEAR(erlang::erlang_a_answered_within(x.c, x.aht, x.patience, x.t, ahead), expected, 1e-12 + 1e-9 * expected)
          << "c=" << x.c << " patience=" << x.patience << " t=" << x.t << " ahead=" << ahead;
    }
  }
  EXPECT_EQ(erlang::erlang_a_answered_within(12, 180, 60, 0, 0), 0.0);
}

TEST(ErlangA, TenErlangsMatchTheFortyDigitReference) {
  // A = 10, AHT 180 s, patience 60 s, T = 20 s: {c: (P(wait), SL, P(abandon), ASA)} from Python at 40 digits.
  struct Row { long long c; double wait, service_level, abandon, asa; };
  for (const Row& row : {Row{10, 0.42341767494790422767, 0.71801018812165602635, 0.1575268714908340517, 7.4944697407805889095},
                         Row{11, 0.32678859995985178154, 0.79652271147658729761, 0.1117804196312075741, 5.229401577748666721},
                         Row{12, 0.24042610835587456537, 0.86030065964768949991, 0.075901796933450539825, 3.5198324085874179356},
                         Row{13, 0.16812846328183701314, 0.90896249204169185963, 0.049169083712431299836, 2.2757124955918439008}}) {
    const auto point = erlang::erlang_a(10, row.c, 180, 60, 20);
    ASSERT_TRUE(point.has_value());
    expect_relative(point->wait_probability, row.wait, 1e-11, "wait");
    expect_relative(point->service_level, row.service_level, 1e-11, "service level");
    expect_relative(point->abandon_probability, row.abandon, 1e-11, "abandon");
    expect_relative(point->asa_seconds, row.asa, 1e-11, "asa");
    expect_relative(point->occupancy, 10 * (1 - row.abandon) / static_cast<double>(row.c), 1e-11, "occupancy");
  }
}

TEST(ErlangA, SmallSystemsMatchTheBruteForceReference) {
  struct Case { double traffic; long long c; double aht, patience, t; };
  for (const Case& x : {Case{3, 4, 180, 60, 20}, Case{8, 5, 120, 30, 15}, Case{2.5, 2, 300, 600, 60}, Case{15, 12, 60, 10, 20},
                        Case{0.2, 1, 200, 90, 10}}) {
    const auto point = erlang::erlang_a(x.traffic, x.c, x.aht, x.patience, x.t);
    ASSERT_TRUE(point.has_value());
    const Reference expected = erlang_a_reference(x.traffic, x.c, x.aht, x.patience, x.t);
    const std::string where = "A=" + std::to_string(x.traffic) + " c=" + std::to_string(x.c);
    expect_relative(point->wait_probability, expected.wait_probability, 1e-10, where);
    expect_relative(point->service_level, expected.service_level, 1e-9, where);
    expect_relative(point->abandon_probability, expected.abandon_probability, 1e-10, where);
    // Abandoned = not answered: θ·E[queue]/λ and 1 − P(answered) are two routes to the same number.
    expect_relative(point->abandon_probability, 1 - expected.answered, 1e-9, where);
    expect_relative(point->asa_seconds, expected.asa_seconds, 1e-10, where);
  }
}

TEST(ErlangA, ThousandsOfErlangsStayAccurate) {
  // 1,800 erlangs, AHT 180 s, patience 120 s, T = 20 s (Python: log-space weights, one uniformization of the
  // whole queue chain). 1,790 agents is below the traffic: fine with abandonment.
  const auto below = erlang::erlang_a(1800, 1790, 180, 120, 20);
  ASSERT_TRUE(below.has_value());
  expect_relative(below->wait_probability, 0.5375890809889503, 1e-9);
  expect_relative(below->service_level, 0.9865677760821164, 1e-9);
  expect_relative(below->abandon_probability, 0.013432199293571877, 1e-9);
  expect_relative(below->asa_seconds, 1.6021981387403763, 1e-9);
  expect_relative(below->occupancy, 0.9920793526656819, 1e-9);
  const auto above = erlang::erlang_a(1800, 1850, 180, 120, 20);
  ASSERT_TRUE(above.has_value());
  expect_relative(above->wait_probability, 0.11251276944622254, 1e-9);
  expect_relative(above->service_level, 0.998283607289775, 1e-9);
  expect_relative(above->abandon_probability, 0.0017163926982449698, 1e-9);
  expect_relative(above->asa_seconds, 0.20360584165358644, 1e-9);
}

TEST(ErlangA, TendsToErlangCAsPatienceGrows) {
  const erlang::Point c = erlang::erlang_c(10, 14, 180, 20);
  const auto a = erlang::erlang_a(10, 14, 180, 1e7, 20);
  ASSERT_TRUE(a.has_value());
  expect_relative(a->service_level, c.service_level, 1e-4, "service level");
  expect_relative(a->asa_seconds, c.asa_seconds, 1e-4, "asa");
  expect_relative(a->wait_probability, c.wait_probability, 1e-4, "wait");
  EXPECT_LT(a->abandon_probability, 1e-5);
  // The same at 1,800 erlangs, where the queue is longer and patience must be longer still.
  const erlang::Point big_c = erlang::erlang_c(1800, 1812, 180, 20);
  const auto big_a = erlang::erlang_a(1800, 1812, 180, 1e9, 20);
  ASSERT_TRUE(big_a.has_value());
  expect_relative(big_a->service_level, big_c.service_level, 1e-4, "service level");
  expect_relative(big_a->asa_seconds, big_c.asa_seconds, 1e-4, "asa");
  // And the gap closes steadily.
  double previous = 1;
  for (double patience : {1e3, 1e4, 1e5, 1e6, 1e7}) {
    const double gap = std::fabs(erlang::erlang_a(10, 14, 180, patience, 20)->asa_seconds / c.asa_seconds - 1);
    EXPECT_LT(gap, previous) << patience;
    previous = gap;
  }
}

TEST(ErlangA, HopelesslyLongQueuesAreReportedNotComputed) {
  // 100 agents for 1,800 erlangs with 10^7 s patience: a queue of ~10^8 contacts.
  EXPECT_FALSE(erlang::erlang_a(1800, 100, 180, 1e7, 20).has_value());
}

TEST(ErlangSearch, SmallestAgentsUnderErlangA) {
  const erlang::Target target{0.8, 20, 1.0};
  const auto search = erlang::erlang_a_agents(10, 180, 60, target);
  ASSERT_EQ(search.status, erlang::SearchStatus::found);
  EXPECT_EQ(search.agents, 12);  // 11: 79.65%, 12: 86.03%
  EXPECT_EQ(erlang::erlang_a_agents(10, 180, 1e7, target).agents, 14);  // Erlang C's answer
  EXPECT_EQ(erlang::erlang_a_agents(1800, 180, 1e7, target).agents, 1812);
  // Short patience: the search walks far below the Erlang C answer; every count is checked against its neighbour.
  for (double patience : {1.0, 60.0, 600.0}) {
    const auto found = erlang::erlang_a_agents(1800, 180, patience, target);
    ASSERT_EQ(found.status, erlang::SearchStatus::found) << patience;
    EXPECT_GE(erlang::erlang_a(1800, found.agents, 180, patience, 20)->service_level, 0.8) << patience;
    EXPECT_LT(erlang::erlang_a(1800, found.agents - 1, 180, patience, 20)->service_level, 0.8) << patience;
  }
  EXPECT_EQ(erlang::erlang_a_agents(1e9, 180, 60, target).status, erlang::SearchStatus::unreachable);
}

// ---------------------------------------------------------------- the staffing metric

constexpr const char* textbook = R"("contacts":100,"interval_seconds":1800,"aht_seconds":180,"target_percent":80,"target_seconds":20)";

json staffing(const std::string& inputs, const std::string& variant = "erlang_c") {
  return compute_request(json::parse(R"({"metric":"staffing","variant":")" + variant + R"(","inputs":{)" + inputs + "}}"));
}

TEST(MetricsStaffing, Textbook100CallsAt180SecondsNeed14Agents) {
  const json result = staffing(textbook);
  EXPECT_DOUBLE_EQ(value_of(result), 14);
  EXPECT_EQ(result["unit"], "agents");
  const json& parts = result["parts"];
  EXPECT_DOUBLE_EQ(parts["traffic_erlangs"].get<double>(), 10.0);
  expect_relative(parts["service_level"].get<double>(), 88.835001917946688425, 1e-12);
  expect_relative(parts["wait_probability"].get<double>(), 17.413193359504984264, 1e-12);
  expect_relative(parts["asa_seconds"].get<double>(), 7.835937011777242919, 1e-12);
  expect_relative(parts["occupancy"].get<double>(), 100.0 * 10 / 14, 1e-12);
  EXPECT_EQ(parts["agents_with_shrinkage"], 14);
  EXPECT_EQ(parts["mode"], "search");
  // The table starts at the smallest stable count and shows 13 agents just missing the target.
  const json& table = parts["table"];
  EXPECT_EQ(table[0]["agents"], 11);
  EXPECT_EQ(table[2]["agents"], 13);
  expect_relative(table[2]["service_level"].get<double>(), 79.55947884177831191, 1e-12);
  EXPECT_EQ(result["warnings"][0]["code"], "queue_unstable_rows");
  EXPECT_EQ(result["formula"]["key"], "formula.staffing.erlang_c");
  EXPECT_EQ(result["interpretation"]["key"], "interpretation.staffing.search");
}

TEST(MetricsStaffing, TableRunsPastTheAnswerAndIsMonotone) {
  const json table = staffing(textbook)["parts"]["table"];
  ASSERT_GE(table.size(), 7u);
  for (std::size_t index = 1; index < table.size(); ++index) {
    EXPECT_EQ(table[index]["agents"].get<long long>(), table[index - 1]["agents"].get<long long>() + 1);
    EXPECT_GT(table[index]["service_level"].get<double>(), table[index - 1]["service_level"].get<double>());
    EXPECT_LT(table[index]["asa_seconds"].get<double>(), table[index - 1]["asa_seconds"].get<double>());
    EXPECT_LT(table[index]["occupancy"].get<double>(), table[index - 1]["occupancy"].get<double>());
    EXPECT_LT(table[index]["wait_probability"].get<double>(), table[index - 1]["wait_probability"].get<double>());
  }
  // It stops at the first count from answer + 3 that reaches 99.9%, or 30 past the answer.
  const json& last = table.back();
  EXPECT_GE(last["agents"].get<long long>(), 17);
  EXPECT_TRUE(last["service_level"].get<double>() >= 99.9 || last["agents"] == 44);
  EXPECT_LT(table[table.size() - 2]["service_level"].get<double>(), 99.9);
}

TEST(MetricsStaffing, ChartIsAServiceLevelCurveWithTargetAndMarker) {
  const json chart = staffing(textbook)["chart"];
  EXPECT_EQ(chart["type"], "curve");
  EXPECT_EQ(chart["x_key"], "chart.agents");
  ASSERT_EQ(chart["series"].size(), 2u);
  EXPECT_EQ(chart["series"][0]["key"], "chart.service_level");
  EXPECT_EQ(chart["series"][0]["unit"], "percent");
  EXPECT_EQ(chart["series"][1]["unit"], "seconds");
  EXPECT_EQ(chart["series"][0]["points"][0][0], 11);
  EXPECT_EQ(chart["target"]["series"], chart["series"][0]["key"]);
  EXPECT_EQ(chart["target"]["series_index"], 0);
  EXPECT_DOUBLE_EQ(chart["target"]["value"].get<double>(), 80.0);
  EXPECT_EQ(chart["marker"], 14);
}

TEST(MetricsStaffing, EighteenHundredErlangsSearchAndEvaluate) {
  const std::string inputs = R"("contacts":18000,"interval_seconds":1800,"aht_seconds":180,"target_percent":80,"target_seconds":20)";
  const json search = staffing(inputs);
  EXPECT_DOUBLE_EQ(value_of(search), 1812);
  expect_relative(search["parts"]["service_level"].get<double>(), 81.787106661524632137, 1e-9);
  EXPECT_EQ(search["parts"]["table"][0]["agents"], 1801);
  const json evaluated = staffing(inputs + R"(,"agents":1850)");
  EXPECT_DOUBLE_EQ(value_of(evaluated), 1850);
  const json& parts = evaluated["parts"];
  EXPECT_EQ(parts["mode"], "evaluate");
  EXPECT_TRUE(parts["meets_target"].get<bool>());
  EXPECT_EQ(parts["agents_required"], 1812);
  expect_relative(parts["wait_probability"].get<double>(), 16.415947039507990178, 1e-9);
  expect_relative(parts["service_level"].get<double>(), 99.936537259731447062, 1e-9);
  expect_relative(parts["asa_seconds"].get<double>(), 0.59097409342228764641, 1e-9);
  EXPECT_EQ(evaluated["interpretation"]["key"], "interpretation.staffing.evaluate");
}

TEST(MetricsStaffing, TinyTrafficNeedsOneAgent) {
  const json result = staffing(R"("contacts":1,"interval_seconds":1800,"aht_seconds":60,"target_percent":80,"target_seconds":20)");
  EXPECT_DOUBLE_EQ(value_of(result), 1);
  expect_relative(result["parts"]["traffic_erlangs"].get<double>(), 1.0 / 30, 1e-15);
  expect_relative(result["parts"]["service_level"].get<double>(), 97.584876119399785228, 1e-12);
  // Below one erlang no agent count is left out of the table.
  for (const auto& warning : result["warnings"]) EXPECT_NE(warning["code"], "queue_unstable_rows");
}

TEST(MetricsStaffing, AgentsAtOrBelowTheTrafficAreRefused) {
  const json equal = staffing(std::string(textbook) + R"(,"agents":10)");
  EXPECT_EQ(error_code(equal), "input.traffic_exceeds_agents");
  EXPECT_EQ(error_field(equal), "agents");
  EXPECT_DOUBLE_EQ(equal["error"]["limit"].get<double>(), 10.0);
  EXPECT_EQ(error_code(staffing(std::string(textbook) + R"(,"agents":9)")), "input.traffic_exceeds_agents");
  EXPECT_EQ(error_code(staffing(std::string(textbook) + R"(,"agents":0)")), "input.below_min");
}

TEST(MetricsStaffing, EvaluatingTooFewAgentsWarns) {
  const json result = staffing(std::string(textbook) + R"(,"agents":12)");
  EXPECT_DOUBLE_EQ(value_of(result), 12);
  EXPECT_FALSE(result["parts"]["meets_target"].get<bool>());
  EXPECT_EQ(result["parts"]["agents_required"], 14);
  bool warned = false;
  for (const auto& warning : result["warnings"]) warned = warned || warning["code"] == "target_missed";
  EXPECT_TRUE(warned);
}

TEST(MetricsStaffing, ShrinkageRoundsUpWithoutFloatingPointNoise) {
  // 14 / (1 − 0.30) is exactly 20; a plain ceil of the floating-point quotient would say 21.
  const json thirty = staffing(std::string(textbook) + R"(,"shrinkage_percent":30)");
  EXPECT_DOUBLE_EQ(value_of(thirty), 14);
  EXPECT_EQ(thirty["parts"]["agents_with_shrinkage"], 20);
  bool warned = false;
  for (const auto& warning : thirty["warnings"]) {
    if (warning["code"] == "shrinkage_applied") {
      warned = true;
      EXPECT_EQ(warning["values"]["scheduled"], 20);
    }
  }
  EXPECT_TRUE(warned);
  // 14 / 0.65 = 21.54 → 22; 14 / 0.875 = 16 exactly.
  EXPECT_EQ(staffing(std::string(textbook) + R"(,"shrinkage_percent":35)")["parts"]["agents_with_shrinkage"], 22);
  EXPECT_EQ(staffing(std::string(textbook) + R"(,"shrinkage_percent":12.5)")["parts"]["agents_with_shrinkage"], 16);
  EXPECT_EQ(error_code(staffing(std::string(textbook) + R"(,"shrinkage_percent":100)")), "input.above_max");
}

TEST(MetricsStaffing, MaximumOccupancyCanBind) {
  const json result = staffing(std::string(textbook) + R"(,"max_occupancy_percent":70)");
  EXPECT_DOUBLE_EQ(value_of(result), 15);
  expect_relative(result["parts"]["occupancy"].get<double>(), 100.0 * 10 / 15, 1e-12);
  expect_relative(result["parts"]["service_level"].get<double>(), 94.145284286902232567, 1e-12);
  bool warned = false;
  for (const auto& warning : result["warnings"]) warned = warned || warning["code"] == "occupancy_limit";
  EXPECT_TRUE(warned);
  // A limit that does not bind changes nothing and says nothing.
  const json loose = staffing(std::string(textbook) + R"(,"max_occupancy_percent":90)");
  EXPECT_DOUBLE_EQ(value_of(loose), 14);
  for (const auto& warning : loose["warnings"]) EXPECT_NE(warning["code"], "occupancy_limit");
}

TEST(MetricsStaffing, UnreachableTargetsNameTheirCause) {
  const json occupancy = staffing(std::string(textbook) + R"(,"max_occupancy_percent":0.5)");
  EXPECT_EQ(error_code(occupancy), "input.target_unreachable");
  EXPECT_EQ(error_field(occupancy), "max_occupancy_percent");
  EXPECT_DOUBLE_EQ(occupancy["error"]["limit"].get<double>(), 1041.0);  // floor(10 + 10·√10 + 1000)
  const json huge = staffing(R"("contacts":1e9,"interval_seconds":60,"aht_seconds":600,"target_percent":80,"target_seconds":20)");
  EXPECT_EQ(error_code(huge), "input.target_unreachable");
  EXPECT_EQ(error_field(huge), "target_percent");
  EXPECT_EQ(error_code(staffing(R"("contacts":100,"interval_seconds":1800,"aht_seconds":180,"target_percent":100,"target_seconds":20)")),
            "input.above_max");
  EXPECT_EQ(error_code(staffing(R"("contacts":0,"interval_seconds":1800,"aht_seconds":180,"target_percent":80,"target_seconds":20)")),
            "input.not_above_min");
}

TEST(MetricsStaffing, ZeroSecondTargetIsTheShareAnsweredAtOnce) {
  const json result = staffing(R"("contacts":100,"interval_seconds":1800,"aht_seconds":180,"target_percent":80,"target_seconds":0)");
  const double agents = value_of(result);
  EXPECT_NEAR(result["parts"]["service_level"].get<double>(), 100 - result["parts"]["wait_probability"].get<double>(), 1e-12);
  EXPECT_EQ(agents, 14);  // P(wait): 13 → 28.5%, 14 → 17.4%
}

TEST(MetricsStaffing, ErlangAWithSixtySecondPatienceNeeds12) {
  const json result = staffing(std::string(textbook) + R"(,"patience_seconds":60)", "erlang_a");
  EXPECT_DOUBLE_EQ(value_of(result), 12);
  const json& parts = result["parts"];
  expect_relative(parts["service_level"].get<double>(), 86.030065964768949991, 1e-11);
  expect_relative(parts["abandon_percent"].get<double>(), 7.5901796933450539825, 1e-11);
  expect_relative(parts["asa_seconds"].get<double>(), 3.5198324085874179356, 1e-11);
  expect_relative(parts["occupancy"].get<double>(), 77.008183588879121681, 1e-11);
  bool warned = false;
  for (const auto& warning : result["warnings"]) warned = warned || warning["code"] == "high_abandonment";
  EXPECT_TRUE(warned);
  EXPECT_EQ(result["formula"]["key"], "formula.staffing.erlang_a");
  EXPECT_EQ(result["chart"]["series"].size(), 3u);
  // Rows reach down past the traffic: with abandonment fewer agents than erlangs is a valid staffing.
  const json& table = parts["table"];
  EXPECT_LT(table[0]["agents"].get<long long>(), 10);
  for (std::size_t index = 1; index < table.size(); ++index) {
    EXPECT_GT(table[index]["service_level"].get<double>(), table[index - 1]["service_level"].get<double>());
    EXPECT_LT(table[index]["abandon_percent"].get<double>(), table[index - 1]["abandon_percent"].get<double>());
    EXPECT_LT(table[index]["occupancy"].get<double>(), table[index - 1]["occupancy"].get<double>());
  }
}

TEST(MetricsStaffing, ErlangAWithLongPatienceGivesTheErlangCAnswer) {
  const json a = staffing(std::string(textbook) + R"(,"patience_seconds":1e7)", "erlang_a");
  const json c = staffing(textbook);
  EXPECT_EQ(value_of(a), value_of(c));
  expect_relative(a["parts"]["service_level"].get<double>(), c["parts"]["service_level"].get<double>(), 1e-4);
  expect_relative(a["parts"]["asa_seconds"].get<double>(), c["parts"]["asa_seconds"].get<double>(), 1e-4);
}

TEST(MetricsStaffing, ErlangAEvaluatesFewerAgentsThanErlangs) {
  const json result = staffing(std::string(textbook) + R"(,"patience_seconds":60,"agents":9)", "erlang_a");
  EXPECT_DOUBLE_EQ(value_of(result), 9);
  EXPECT_FALSE(result["parts"]["meets_target"].get<bool>());
  EXPECT_EQ(result["parts"]["agents_required"], 12);
  const json hopeless = staffing(R"("contacts":18000,"interval_seconds":1800,"aht_seconds":180,"target_percent":80,"target_seconds":20,"patience_seconds":1e7,"agents":100)",
                                 "erlang_a");
  EXPECT_EQ(error_code(hopeless), "input.out_of_range");
}

TEST(MetricsStaffing, InputNamesFollowTheApiContract) {
  const metrics::MetricSpec* metric = metrics::find_metric("staffing");
  ASSERT_NE(metric, nullptr);
  EXPECT_EQ(metric->group, "staffing");
  const std::vector<std::string> erlang_c_inputs = {"contacts", "interval_seconds", "aht_seconds", "target_percent",
                                                    "target_seconds", "shrinkage_percent", "max_occupancy_percent", "agents"};
  for (const auto& [variant_id, extra] : {std::pair<std::string, std::string>{"erlang_c", ""}, {"erlang_a", "patience_seconds"}}) {
    const metrics::VariantSpec* variant = metrics::find_variant(*metric, variant_id);
    ASSERT_NE(variant, nullptr) << variant_id;
    std::vector<std::string> names;
    for (const auto& input : variant->inputs) names.push_back(input.name);
    for (const auto& name : erlang_c_inputs) EXPECT_NE(std::find(names.begin(), names.end(), name), names.end()) << name;
    if (!extra.empty()) EXPECT_NE(std::find(names.begin(), names.end(), extra), names.end()) << extra;
    EXPECT_EQ(names.size(), erlang_c_inputs.size() + (extra.empty() ? 0 : 1));
  }
  EXPECT_EQ(metrics::find_variant(*metric, "")->id, "erlang_c");
}

}  // namespace
}  // namespace skpi::metric_tests
