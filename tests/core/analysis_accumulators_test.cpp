// Accumulators of file analysis: exact quantiles (numpy's linear interpolation), rating scales,
// series and grids, dictionaries, and merge == whole for every accumulator including tickets.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "core/analysis/accumulators.hpp"
#include "core/analysis/dictionary.hpp"
#include "core/analysis/report.hpp"
#include "core/analysis/tickets.hpp"
#include "core/time/zone.hpp"

using namespace skpi::analysis;

namespace {

// numpy.quantile(values, q) with the default method, written out independently.
double reference_quantile(std::vector<double> values, double q) {
  std::sort(values.begin(), values.end());
  const double h = (static_cast<double>(values.size()) - 1) * q;
  const auto lo = static_cast<std::size_t>(std::floor(h));
  if (lo + 1 >= values.size()) return values[lo];
  return values[lo] + (h - static_cast<double>(lo)) * (values[lo + 1] - values[lo]);
}

}  // namespace

TEST(AnalysisQuantileStore, MatchesNumpyOnHandCheckedValues) {
  QuantileStore store;
  for (double v : {10.0, 1.0, 7.0, 3.0}) store.add(v);
  const QuantileSummary s = store.summarize();
  EXPECT_EQ(s.n, 4u);
  EXPECT_DOUBLE_EQ(s.mean, 5.25);
  EXPECT_DOUBLE_EQ(s.median, 5.0);  // numpy.median([1,3,7,10]) = 5
  EXPECT_DOUBLE_EQ(s.p90, 9.1);     // numpy.quantile([1,3,7,10], .9) = 7 + 0.7*3
  EXPECT_DOUBLE_EQ(s.min, 1);
  EXPECT_DOUBLE_EQ(s.max, 10);
}

TEST(AnalysisQuantileStore, SingleValueAndEmpty) {
  QuantileStore empty;
  EXPECT_EQ(empty.summarize().n, 0u);
  EXPECT_EQ(summary_json(empty)["median"], nullptr);
  QuantileStore one;
  one.add(42);
  const QuantileSummary s = one.summarize();
  EXPECT_DOUBLE_EQ(s.median, 42);
  EXPECT_DOUBLE_EQ(s.p90, 42);
  EXPECT_DOUBLE_EQ(s.standard_deviation, 0);
}

TEST(AnalysisQuantileStore, SwitchesFromWholeToRealWithoutLosingValues) {
  QuantileStore store;
  std::vector<double> values;
  for (int i = 0; i < 1000; ++i) {
    const double v = i % 7 == 0 ? i + 0.25 : i * 3;
    store.add(v);
    values.push_back(v);
  }
  store.add(5e9);  // beyond int32: also forces doubles
  values.push_back(5e9);
  for (double q : {0.0, 0.1, 0.5, 0.9, 1.0}) EXPECT_DOUBLE_EQ(store.quantile(q), reference_quantile(values, q)) << q;
  double sum = 0;
  for (double v : values) sum += v;
  EXPECT_DOUBLE_EQ(store.summarize().mean, sum / static_cast<double>(values.size()));
}

TEST(AnalysisQuantileStore, RandomDataMatchesReferenceAndCountsAtMost) {
  std::mt19937 random(7);
  std::uniform_int_distribution<int> draw(0, 100000);
  for (int round = 0; round < 20; ++round) {
    QuantileStore store;
    std::vector<double> values;
    const int n = 1 + round * 37;
    for (int i = 0; i < n; ++i) {
      const int v = draw(random);
      store.add_whole(v);
      values.push_back(v);
    }
    const QuantileSummary s = store.summarize();
    EXPECT_DOUBLE_EQ(s.median, reference_quantile(values, 0.5));
    EXPECT_DOUBLE_EQ(s.p90, reference_quantile(values, 0.9));
    const auto at_most = static_cast<std::size_t>(std::count_if(values.begin(), values.end(), [](double v) { return v <= 50000; }));
    EXPECT_EQ(store.count_at_most(50000), at_most);
  }
}

TEST(AnalysisQuantileStore, HistogramPathOnManyValuesIsExact) {
  // Above 65,536 whole values the quantiles come from a bucket histogram: check it against sorting,
  // with negatives, ties, a wide range and the 0/1 ends.
  std::mt19937 random(13);
  for (int round = 0; round < 4; ++round) {
    QuantileStore store;
    std::vector<double> values;
    const int n = 70000 + round * 12345;
    for (int i = 0; i < n; ++i) {
      int v;
      if (round == 0) v = static_cast<int>(random() % 100);                  // many ties
      else if (round == 1) v = static_cast<int>(random() % 2000000) - 1000000;  // negatives
      else if (round == 2) v = static_cast<int>(random() % 3) == 0 ? static_cast<int>(random() % 30000000) : static_cast<int>(random() % 600);
      else v = static_cast<int>(random() >> 1) - 1073741824;                 // the whole int32 range
      store.add_whole(v);
      values.push_back(v);
    }
    const QuantileSummary s = store.summarize();
    EXPECT_DOUBLE_EQ(s.median, reference_quantile(values, 0.5)) << round;
    EXPECT_DOUBLE_EQ(s.p90, reference_quantile(values, 0.9)) << round;
    for (double q : {0.0, 0.25, 0.999, 1.0}) EXPECT_DOUBLE_EQ(store.quantile(q), reference_quantile(values, q)) << round << " " << q;
  }
}

TEST(AnalysisQuantileStore, MergeEqualsWhole) {
  std::mt19937 random(11);
  std::uniform_real_distribution<double> draw(0, 1e6);
  QuantileStore whole, left, right, mixed_left, mixed_right;
  for (int i = 0; i < 5000; ++i) {
    const double v = i % 3 ? std::floor(draw(random)) : draw(random);
    whole.add(v);
    (i % 2 ? left : right).add(v);
    (i < 2500 ? mixed_left : mixed_right).add(i < 2500 ? std::floor(v) : v);
  }
  left.merge(right);
  const QuantileSummary a = whole.summarize(), b = left.summarize();
  EXPECT_EQ(a.n, b.n);
  EXPECT_DOUBLE_EQ(a.median, b.median);
  EXPECT_DOUBLE_EQ(a.p90, b.p90);
  EXPECT_NEAR(a.mean, b.mean, 1e-9 * std::fabs(a.mean));
  // whole + real halves in either order
  QuantileStore x = mixed_left, y = mixed_right;
  x.merge(mixed_right);
  y.merge(mixed_left);
  EXPECT_DOUBLE_EQ(x.quantile(0.5), y.quantile(0.5));
  EXPECT_EQ(x.size(), 5000u);
}

TEST(AnalysisQuantileStore, UnionOfStoresEqualsTheMergedStore) {
  // The ticket figures summarise the union of per-agent stores without copying them.
  std::mt19937 random(17);
  for (const bool with_fractions : {false, true}) {
    for (const int size : {7, 900, 6000}) {  // below and above the histogram threshold in total
      QuantileStore a, b, empty, c, merged;
      std::vector<double> values;
      for (int i = 0; i < 3 * size; ++i) {
        double v = static_cast<double>(random() % 500000) - 1000;
        if (with_fractions && i == size + 3) v += 0.25;  // one fraction, in the middle store
        (i < size ? a : i < 2 * size ? b : c).add(v);
        values.push_back(v);
      }
      for (QuantileStore* part : {&a, &b, &empty, &c}) merged.merge(*part);
      const QuantileSummary u = QuantileStore::summarize_union({&a, &b, &empty, &c});
      const QuantileSummary m = merged.summarize();
      const std::string where = std::to_string(size) + (with_fractions ? " with a fraction" : " whole");
      EXPECT_EQ(u.n, values.size()) << where;
      EXPECT_DOUBLE_EQ(u.median, reference_quantile(values, 0.5)) << where;
      EXPECT_DOUBLE_EQ(u.p90, reference_quantile(values, 0.9)) << where;
      EXPECT_DOUBLE_EQ(u.min, *std::min_element(values.begin(), values.end())) << where;
      EXPECT_DOUBLE_EQ(u.max, *std::max_element(values.begin(), values.end())) << where;
      EXPECT_DOUBLE_EQ(u.mean, m.mean) << where;
      EXPECT_NEAR(u.standard_deviation, m.standard_deviation, 1e-9 * m.standard_deviation) << where;
      // The parts are left whole (the union does not move values between stores).
      EXPECT_EQ(a.size() + b.size() + c.size(), values.size()) << where;
    }
  }
  EXPECT_EQ(QuantileStore::summarize_union({}).n, 0u);
}

TEST(AnalysisTicketAccumulator, OverallDurationsIncludeEveryAgentsAndTheUnassigned) {
  // Durations of tickets with an agent live in the agent's store only: the overall figure must
  // still be over all tickets, and each agent's median over its own.
  Dictionary status, channel, category, agent, group, priority;
  for (const char* name : {"Ann", "Bob"}) agent.id(name);
  TicketSettings settings;
  settings.zone = &skpi::time::utc_zone();
  settings.has_first_response = settings.has_resolution_end = settings.has_resolution_info = true;
  Options options;
  options.zone = settings.zone;
  LocalClock clock(*settings.zone);
  TicketAccumulator accumulator;
  accumulator.set_targets(100, 1000);
  const std::int64_t base = 1704067200000;
  std::vector<double> all, ann;
  const std::uint32_t owners[] = {0, 1, Dictionary::missing, 0, 0, Dictionary::missing, 1};
  const int seconds[] = {50, 400, 30, 70, 20, 900, 10};
  for (int i = 0; i < 7; ++i) {
    TicketRecord t;
    t.created = base + i * 3600000LL;
    t.first_response = t.created + seconds[i] * 1000LL;
    t.agent = owners[i];
    t.status_class = 2;
    accumulator.add(t, settings, clock);
    all.push_back(seconds[i]);
    if (owners[i] == 0) ann.push_back(seconds[i]);
  }
  const TicketAccumulator::Names names{&status, &channel, &category, &agent, &group, &priority};
  std::vector<std::string> warnings;
  const json report = accumulator.report(names, options, settings, warnings);
  EXPECT_EQ(report["first_response"]["n"], 7);
  EXPECT_DOUBLE_EQ(report["first_response"]["median"].get<double>(), reference_quantile(all, 0.5));  // 50
  EXPECT_DOUBLE_EQ(report["first_response"]["p90"].get<double>(), reference_quantile(all, 0.9));
  EXPECT_DOUBLE_EQ(report["first_response"]["mean"].get<double>(), 1480.0 / 7);
  EXPECT_DOUBLE_EQ(report["first_response"]["max"].get<double>(), 900);
  EXPECT_EQ(report["sla"]["first_response"]["n"], 7);
  EXPECT_EQ(report["sla"]["first_response"]["count"], 5);  // 50, 30, 70, 20, 10 within 100 s
  ASSERT_EQ(report["agents"].size(), 2u);
  EXPECT_EQ(report["agents"][0]["agent"], "Ann");
  EXPECT_DOUBLE_EQ(report["agents"][0]["first_response_median"].get<double>(), reference_quantile(ann, 0.5));  // 50
  EXPECT_EQ(report["agents"][0]["first_response_n"], 3);
}

TEST(AnalysisRatingCounts, ScalesAndMerge) {
  RatingCounts counts;
  for (int v : {1, 2, 3, 4, 5, 5}) counts.add(v);
  EXPECT_EQ(detect_csat_scale(counts).high, 5);
  EXPECT_EQ(detect_csat_scale(counts).low, 1);
  RatingCounts nps;
  for (int v : {1, 10, 9}) nps.add(v);
  EXPECT_EQ(detect_nps_scale(nps).low, 1);  // 1-10 without 0
  nps.add(0);
  EXPECT_EQ(detect_nps_scale(nps).low, 0);
  RatingCounts seven;
  seven.add(6);
  EXPECT_EQ(detect_csat_scale(seven).high, 7);
  EXPECT_EQ(detect_ces_scale(seven).high, 7);
  RatingCounts three;
  three.add(3);
  EXPECT_EQ(detect_csat_scale(three).high, 3);

  RatingCounts a, b, whole;
  for (int i = 0; i < 100; ++i) {
    const int v = i % 11;
    whole.add(v);
    (i % 3 ? a : b).add(v);
    if (i % 5 == 0) {
      whole.add_verdict(i % 2);
      (i % 3 ? a : b).add_verdict(i % 2);
    }
  }
  a.merge(b);
  EXPECT_EQ(nps_json(a), nps_json(whole));
  EXPECT_EQ(csat_json(a, nullptr, nullptr), csat_json(whole, nullptr, nullptr));
  EXPECT_EQ(a.good(), whole.good());
}

TEST(AnalysisRatingCounts, NpsExampleFromTheCatalogue) {
  // spec/metrics.md: ratings {10, 9, 8, 3, 10} -> 40
  RatingCounts counts;
  for (int v : {10, 9, 8, 3, 10}) counts.add(v);
  const json nps = nps_json(counts);
  EXPECT_DOUBLE_EQ(nps["value"].get<double>(), 40);
  EXPECT_EQ(nps["promoters"], 3);
  EXPECT_EQ(nps["passives"], 1);
  EXPECT_EQ(nps["detractors"], 1);
  // 70/20/10 of 100 -> CI [47.0, 73.0]
  RatingCounts hundred;
  for (int i = 0; i < 70; ++i) hundred.add(10);
  for (int i = 0; i < 20; ++i) hundred.add(8);
  for (int i = 0; i < 10; ++i) hundred.add(2);
  const json ci = nps_json(hundred)["ci"];
  EXPECT_NEAR(ci["low"].get<double>(), 47.0, 0.05);
  EXPECT_NEAR(ci["high"].get<double>(), 73.0, 0.05);
}

TEST(AnalysisRatingCounts, CsatAndCesExamples) {
  RatingCounts csat;  // 30 satisfied of 50 on 1-5 -> 60%
  for (int i = 0; i < 30; ++i) csat.add(i % 2 ? 5 : 4);
  for (int i = 0; i < 20; ++i) csat.add(1 + i % 3);
  EXPECT_DOUBLE_EQ(csat_json(csat, nullptr, nullptr)["value"].get<double>(), 60);
  RatingCounts ces;  // {2, 3, 1, 5, 4} on 1-7 -> 3.0
  for (int v : {2, 3, 1, 5, 4}) ces.add(v);
  const RatingScale seven{1, 7};
  EXPECT_DOUBLE_EQ(ces_json(ces, &seven)["value"].get<double>(), 3.0);
  RatingCounts verdicts;
  verdicts.add_verdict(true);
  verdicts.add_verdict(true);
  verdicts.add_verdict(false);
  const json good_bad = csat_json(verdicts, nullptr, nullptr);
  EXPECT_NEAR(good_bad["value"].get<double>(), 200.0 / 3, 1e-9);
  EXPECT_EQ(good_bad["scale"], "good/bad");
}

TEST(AnalysisSeriesSums, GrowsBothWaysAndMerges) {
  SeriesSums whole, a, b;
  std::mt19937 random(3);
  std::uniform_int_distribution<int> draw(-500, 500);
  for (int i = 0; i < 3000; ++i) {
    const int key = draw(random);
    whole.add(key, 2);
    (i % 2 ? a : b).add(key, 2);
  }
  a.merge(b);
  EXPECT_EQ(a.first_key(), whole.first_key());
  EXPECT_EQ(a.last_key(), whole.last_key());
  for (int key = -500; key <= 500; ++key) EXPECT_EQ(a.at(key), whole.at(key)) << key;
  EXPECT_DOUBLE_EQ(a.total(), 6000);
}

TEST(AnalysisSeriesSums, KeepsTheRealRangeAndBoundsTheSpan) {
  SeriesSums series(100);
  series.add(10);
  series.add(12);
  EXPECT_EQ(series.first_key(), 10);
  EXPECT_EQ(series.last_key(), 12);
  series.add(1000);  // would stretch past 100 keys
  EXPECT_EQ(series.outliers(), 1u);
  EXPECT_EQ(series.last_key(), 12);
}

TEST(AnalysisDayGrid, MergeEqualsWhole) {
  DayGrid whole(4), a(4), b(4);
  for (int i = 0; i < 1000; ++i) {
    const std::int64_t day = 19000 + (i * 7919) % 400;
    const std::uint32_t id = static_cast<std::uint32_t>(i % 9);  // ids 4..8 share "other"
    whole.add(day, id);
    (i % 3 ? a : b).add(day, id);
  }
  a.merge(b);
  for (std::int64_t day = 19000; day < 19400; ++day)
    for (std::uint32_t column = 0; column <= 4; ++column) EXPECT_EQ(a.at(day, column), whole.at(day, column));
}

TEST(AnalysisDictionary, IdsNamesCapacityAndTags) {
  Dictionary dictionary(3);
  EXPECT_EQ(dictionary.id("email"), 0u);
  EXPECT_EQ(dictionary.id("chat"), 1u);
  EXPECT_EQ(dictionary.id("email"), 0u);
  EXPECT_EQ(dictionary.id(""), 2u);
  EXPECT_EQ(dictionary.id("phone"), dictionary.other_id());
  EXPECT_TRUE(dictionary.overflowed());
  EXPECT_EQ(dictionary.name(1), "chat");
  EXPECT_EQ(dictionary.name(dictionary.other_id()), "(other)");
  EXPECT_EQ(dictionary.find("chat"), 1u);
  EXPECT_EQ(dictionary.find("sms"), Dictionary::missing);
  EXPECT_EQ(dictionary.tag(0), -1);
  dictionary.tag(0) = 1;
  EXPECT_EQ(dictionary.tag(0), 1);

  Dictionary many;
  std::vector<std::string> keys;
  for (int i = 0; i < 20000; ++i) keys.push_back("agent number " + std::to_string(i * 7));
  for (std::size_t i = 0; i < keys.size(); ++i) ASSERT_EQ(many.id(keys[i]), i);
  for (std::size_t i = 0; i < keys.size(); ++i) ASSERT_EQ(many.id(keys[i]), i);
  EXPECT_EQ(many.size(), keys.size());
  EXPECT_EQ(hash_bytes("abcdefgh", 8), hash_bytes(std::string("abcdefgh").data(), 8));
  EXPECT_NE(hash_bytes("abc", 3), hash_bytes("abd", 3));
  EXPECT_TRUE(same_bytes("abcdefghijkl", "abcdefghijkl", 12));
  EXPECT_FALSE(same_bytes("abcdefghijkl", "abcdefghijkX", 12));
}

TEST(AnalysisDictionary, MissingMarkersMapToMissing) {
  Dictionary dictionary(100, [](std::string_view text) { return text == "NA" || text == "-" || text == "a very long missing marker text"; });
  EXPECT_EQ(dictionary.id("email"), 0u);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(dictionary.id("NA"), Dictionary::missing);
    EXPECT_EQ(dictionary.id("-"), Dictionary::missing);
    EXPECT_EQ(dictionary.id("a very long missing marker text"), Dictionary::missing);
  }
  EXPECT_EQ(dictionary.find("NA"), Dictionary::missing);
  EXPECT_EQ(dictionary.id("chat"), 1u);
  EXPECT_EQ(dictionary.size(), 2u);
  for (int i = 0; i < 200; ++i) EXPECT_EQ(dictionary.id("value " + std::to_string(i)), static_cast<std::uint32_t>(i < 98 ? i + 2 : 100));
  EXPECT_EQ(dictionary.id("NA"), Dictionary::missing);
  EXPECT_EQ(dictionary.id("email"), 0u);
}

TEST(AnalysisKeySet, InsertContainsMerge) {
  KeySet a, b;
  for (std::uint64_t k = 0; k < 5000; ++k) EXPECT_TRUE(a.insert(k * 3));
  EXPECT_FALSE(a.insert(3));
  EXPECT_TRUE(a.insert(~0ull));
  EXPECT_TRUE(a.contains(~0ull));
  EXPECT_TRUE(a.contains(4998 * 3));
  EXPECT_FALSE(a.contains(1));
  for (std::uint64_t k = 0; k < 100; ++k) b.insert(k);
  a.merge(b);
  EXPECT_EQ(a.size(), 5001u + 100u - 34u);  // 0, 3, ..., 99 were already there
}

// Random tickets split in two accumulators and merged give the same report as one accumulator.
TEST(AnalysisTicketAccumulator, MergeEqualsWhole) {
  Dictionary status, channel, category, agent, group, priority;
  for (const char* name : {"open", "solved", "closed", "pending"}) status.id(name);
  for (const char* name : {"email", "chat", "phone"}) channel.id(name);
  for (const char* name : {"Billing", "Tech"}) category.id(name);
  for (const char* name : {"Ann", "Bob", "Cid"}) agent.id(name);
  group.id("L1");
  priority.id("high");
  TicketSettings settings;
  settings.zone = &skpi::time::utc_zone();
  Options options;
  options.zone = settings.zone;
  LocalClock clock(*settings.zone);
  std::mt19937 random(5);
  std::uniform_int_distribution<int> draw(0, 1 << 30);
  TicketAccumulator whole, left, right;
  for (TicketAccumulator* accumulator : {&whole, &left, &right}) accumulator->set_targets(3600, 86400);
  const std::int64_t base = 1704067200000;  // 2024-01-01
  for (int i = 0; i < 3000; ++i) {
    TicketRecord t;
    t.created = base + static_cast<std::int64_t>(draw(random) % (60 * 86400)) * 1000;
    t.status = static_cast<std::uint32_t>(draw(random) % 4);
    t.status_class = static_cast<std::int8_t>(t.status == 1 || t.status == 2 ? 1 : 2);
    if (draw(random) % 5) t.first_response = t.created + (draw(random) % 86400) * 1000 + (i % 4 == 0 ? 500 : 0);
    if (t.status_class == 1) t.resolved = t.created + (draw(random) % (10 * 86400)) * 1000;
    t.channel = static_cast<std::uint32_t>(draw(random) % 3);
    t.category = static_cast<std::uint32_t>(draw(random) % 2);
    t.agent = draw(random) % 4 == 3 ? Dictionary::missing : static_cast<std::uint32_t>(draw(random) % 3);
    t.replies = draw(random) % 5;
    t.reopens = draw(random) % 7 == 0;
    if (draw(random) % 3 == 0) t.rating = 1 + draw(random) % 5;
    t.made_sla = static_cast<std::int8_t>(draw(random) % 2);
    whole.add(t, settings, clock);
    (i % 2 ? left : right).add(t, settings, clock);
  }
  left.merge(right);
  const TicketAccumulator::Names names{&status, &channel, &category, &agent, &group, &priority};
  std::vector<std::string> warnings_a, warnings_b;
  json a = whole.report(names, options, settings, warnings_a);
  json b = left.report(names, options, settings, warnings_b);
  // Standard deviations are sums in a different order: equal to rounding, not to the bit.
  for (json* report : {&a, &b}) {
    (*report)["first_response"].erase("sd");
    (*report)["resolution"].erase("sd");
  }
  EXPECT_EQ(a, b);
  EXPECT_EQ(a["tickets"]["value"], 3000);
  EXPECT_EQ(a["fcr"]["definition"], "one_touch");
  EXPECT_TRUE(a["sla"]["first_response"]["value"].is_number());
}
