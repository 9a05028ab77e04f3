// Worked examples of spec/metrics.md sections 1 and 2, each a named test, plus the statistics behind them.
#include <cmath>

#include "core/stats/stats.hpp"
#include "tests/core/metrics_test_util.hpp"

namespace skpi::metric_tests {
namespace {

using nlohmann::json;

TEST(MetricsExperience, Csat30SatisfiedOf50Is60Percent) {
  const json result = compute(R"({"metric":"csat","inputs":{"satisfied":30,"responses":50}})");
  EXPECT_DOUBLE_EQ(value_of(result), 60.0);
  EXPECT_EQ(result["unit"], "percent");
  EXPECT_EQ(result["n"], 50);
  // Wilson 95% for 30/50, computed independently in Python from the textbook formula: [0.461814, 0.723916].
  EXPECT_NEAR(result["ci"]["low"].get<double>(), 46.1814, 0.0001);
  EXPECT_NEAR(result["ci"]["high"].get<double>(), 72.3916, 0.0001);
  EXPECT_EQ(result["formula"]["key"], "formula.csat");
}

TEST(MetricsExperience, CsatFromDistributionUsesTopTwoPoints) {
  // 1..5 counts {2, 3, 5, 20, 20}: satisfied = 40 of 50.
  const json result = compute(R"({"metric":"csat","inputs":{"counts":[2,3,5,20,20]}})");
  EXPECT_DOUBLE_EQ(value_of(result), 80.0);
  EXPECT_DOUBLE_EQ(result["parts"]["mean_rating"].get<double>(), (2 + 6 + 15 + 80 + 100) / 50.0);
  EXPECT_EQ(result["parts"]["bands"]["very_positive"], 20);
}

TEST(MetricsExperience, CsatRatingsOnSevenPointScaleWithThreshold) {
  const json result = compute(R"({"metric":"csat","inputs":{"ratings":[7,6,5,4,7]},"options":{"scale":"1-7","threshold":5}})");
  EXPECT_DOUBLE_EQ(value_of(result), 80.0);
  EXPECT_EQ(error_code(compute(R"({"metric":"csat","inputs":{"ratings":[7,8]},"options":{"scale":"1-7"}})")),
            "input.rating_out_of_scale");
  EXPECT_EQ(error_code(compute(R"({"metric":"csat","inputs":{"ratings":[3]},"options":{"scale":"1-5","threshold":6}})")),
            "option.invalid");
}

TEST(MetricsExperience, CsatThreePointScaleCountsOnlyTheTop) {
  EXPECT_DOUBLE_EQ(value_of(compute(R"({"metric":"csat","inputs":{"counts":[1,1,2]},"options":{"scale":"1-3"}})")), 50.0);
}

TEST(MetricsExperience, NpsFrom70And10PercentIs60) {
  EXPECT_DOUBLE_EQ(value_of(compute(R"({"metric":"nps","inputs":{"promoter_percent":70,"detractor_percent":10}})")), 60.0);
}

TEST(MetricsExperience, NpsFrom80And15PercentIs65) {
  EXPECT_DOUBLE_EQ(value_of(compute(R"({"metric":"nps","inputs":{"promoter_percent":80,"detractor_percent":15}})")), 65.0);
}

TEST(MetricsExperience, NpsFromRatings10_9_8_3_10Is40) {
  const json result = compute(R"({"metric":"nps","inputs":{"ratings":[10,9,8,3,10]}})");
  EXPECT_DOUBLE_EQ(value_of(result), 40.0);
  EXPECT_EQ(result["n"], 5);
  ASSERT_EQ(result["warnings"].size(), 1u);
  EXPECT_EQ(result["warnings"][0]["code"], "small_sample");
}

TEST(MetricsExperience, Nps70_20_10Of100HasInterval47To73) {
  const json result = compute(R"({"metric":"nps","inputs":{"promoters":70,"passives":20,"detractors":10}})");
  EXPECT_DOUBLE_EQ(value_of(result), 60.0);
  // var = (0.7 + 0.1 − 0.6²)/100 = 0.0044; margin = 1.96·√0.0044·100 = 13.0009.
  EXPECT_NEAR(result["ci"]["low"].get<double>(), 47.0, 0.05);
  EXPECT_NEAR(result["ci"]["high"].get<double>(), 73.0, 0.05);
  EXPECT_NEAR(result["parts"]["margin"].get<double>(), 1.959963984540054 * std::sqrt(0.0044) * 100, 1e-9);
  EXPECT_TRUE(result["warnings"].empty());
}

TEST(MetricsExperience, NpsFromDistributionOf11Counts) {
  // 0..10: detractors 0-6 = 1+1+1+1+1+1+1 = 7, passives 7-8 = 3, promoters 9-10 = 10 → (10 − 7)/20 = 15.
  EXPECT_DOUBLE_EQ(value_of(compute(R"({"metric":"nps","inputs":{"counts":[1,1,1,1,1,1,1,1,2,5,5]}})")), 15.0);
  EXPECT_EQ(error_code(compute(R"({"metric":"nps","inputs":{"counts":[1,2,3]}})")), "input.wrong_length");
}

TEST(MetricsExperience, NpsOneToTenRatingsUseTheSameBands) {
  EXPECT_DOUBLE_EQ(value_of(compute(R"({"metric":"nps","inputs":{"ratings":[1,6,7,9,10]}})")), 0.0);
}

TEST(MetricsExperience, NpsSharesAboveOneHundredTogetherAreRefused) {
  const json result = compute(R"({"metric":"nps","inputs":{"promoter_percent":70,"detractor_percent":40}})");
  EXPECT_EQ(error_code(result), "input.part_exceeds_whole");
  EXPECT_EQ(error_field(result), "detractor_percent");
}

TEST(MetricsExperience, NpsSharesWithoutResponsesHaveNoInterval) {
  const json result = compute(R"({"metric":"nps","inputs":{"promoter_percent":70,"detractor_percent":10}})");
  EXPECT_TRUE(result["ci"].is_null());
  EXPECT_EQ(result["warnings"][0]["code"], "no_interval");
  const json with_n = compute(R"({"metric":"nps","inputs":{"promoter_percent":70,"detractor_percent":10,"responses":100}})");
  EXPECT_NEAR(with_n["ci"]["low"].get<double>(), 47.0, 0.05);
}

TEST(MetricsExperience, CesMeanOfRatings2_3_1_5_4Is3) {
  const json result = compute(R"({"metric":"ces","variant":"mean","inputs":{"ratings":[2,3,1,5,4]}})");
  EXPECT_DOUBLE_EQ(value_of(result), 3.0);
  EXPECT_EQ(result["unit"], "rating");
  // s = √2.5; CI = 3 ± 1.96·√2.5/√5.
  EXPECT_NEAR(result["ci"]["low"].get<double>(), 3 - 1.959963984540054 * std::sqrt(2.5 / 5), 1e-12);
}

TEST(MetricsExperience, CesMeanFromTotalsChecksTheScale) {
  EXPECT_DOUBLE_EQ(value_of(compute(R"({"metric":"ces","variant":"mean","inputs":{"rating_sum":300,"responses":100}})")), 3.0);
  EXPECT_EQ(error_code(compute(R"({"metric":"ces","variant":"mean","inputs":{"rating_sum":800,"responses":100}})")),
            "input.inconsistent");
}

TEST(MetricsExperience, CesTop2ShareOf4And5) {
  EXPECT_DOUBLE_EQ(value_of(compute(R"({"metric":"ces","variant":"top2","inputs":{"counts":[5,5,10,40,40]}})")), 80.0);
  EXPECT_DOUBLE_EQ(value_of(compute(R"({"metric":"ces","variant":"top2","inputs":{"agree":45,"responses":60}})")), 75.0);
}

TEST(MetricsExperience, IqsWeights40_30_30Scores100_50_80Is79) {
  const json result = compute(R"({"metric":"iqs","inputs":{"weights":[40,30,30],"scores":[100,50,80]}})");
  EXPECT_DOUBLE_EQ(value_of(result), 79.0);
  EXPECT_EQ(result["formula"]["key"], "formula.iqs.single");
}

TEST(MetricsExperience, IqsIsTheMeanOfInteractionScores) {
  const json result = compute(R"({"metric":"iqs","inputs":{"weights":[1,1],"scores":[[100,0],[100,100],[50,50]]}})");
  EXPECT_DOUBLE_EQ(value_of(result), (50.0 + 100.0 + 50.0) / 3.0);
  EXPECT_EQ(error_code(compute(R"({"metric":"iqs","inputs":{"weights":[1,1],"scores":[[100,0,5]]}})")), "input.wrong_length");
  EXPECT_EQ(error_code(compute(R"({"metric":"iqs","inputs":{"weights":[1,0],"scores":[[100,0]]}})")), "input.not_above_min");
  EXPECT_EQ(error_code(compute(R"({"metric":"iqs","inputs":{"weights":[1,1],"scores":[[100,101]]}})")), "input.above_max");
}

TEST(MetricsExperience, EngagementLoyalty20AndTraining15Is17_5) {
  const json result = compute(R"({"metric":"engagement","inputs":{"components":[
      {"name":"loyalty","weight":1,"part":400,"whole":2000},{"name":"training","weight":1,"part":300,"whole":2000}]}})");
  EXPECT_DOUBLE_EQ(value_of(result), 17.5);
  EXPECT_DOUBLE_EQ(result["parts"]["components"][0]["rate"].get<double>(), 20.0);
  EXPECT_EQ(error_code(compute(R"({"metric":"engagement","inputs":{"components":[{"weight":1,"part":5,"whole":2}]}})")),
            "input.part_exceeds_whole");
}

TEST(MetricsExperience, Referral45Of300NewCustomersIs15Percent) {
  EXPECT_DOUBLE_EQ(value_of(compute(R"({"metric":"referral_rate","inputs":{"referred_new":45,"new_customers":300}})")), 15.0);
  EXPECT_DOUBLE_EQ(value_of(compute(R"({"metric":"referral_rate","variant":"referrers","inputs":{"referrers":50,"customers":1000}})")), 5.0);
}

TEST(MetricsExperience, FeedbackResponse120Of150Is80Percent) {
  EXPECT_DOUBLE_EQ(value_of(compute(R"({"metric":"feedback_response_rate","inputs":{"responded":120,"received":150}})")), 80.0);
}

TEST(MetricsRetention, Crr200_200_20Is90Percent) {
  EXPECT_DOUBLE_EQ(value_of(compute(R"({"metric":"crr","inputs":{"start":200,"end":200,"new":20}})")), 90.0);
}

TEST(MetricsRetention, Crr100_90_15Is75Percent) {
  EXPECT_DOUBLE_EQ(value_of(compute(R"({"metric":"crr","inputs":{"start":100,"end":90,"new":15}})")), 75.0);
}

TEST(MetricsRetention, CrrRefusesImpossibleMovements) {
  const json zero = compute(R"({"metric":"crr","inputs":{"start":0,"end":5,"new":1}})");
  EXPECT_EQ(error_code(zero), "input.zero_denominator");
  EXPECT_EQ(error_field(zero), "start");
  EXPECT_EQ(error_field(compute(R"({"metric":"crr","inputs":{"start":10,"end":5,"new":6}})")), "new");
  EXPECT_EQ(error_code(compute(R"({"metric":"crr","inputs":{"start":10,"end":20,"new":5}})")), "input.inconsistent");
}

TEST(MetricsRetention, Churn20LostOf250Is8Percent) {
  EXPECT_DOUBLE_EQ(value_of(compute(R"({"metric":"churn","inputs":{"lost":20,"start":250}})")), 8.0);
}

TEST(MetricsRetention, ChurnFromCrr75Is25Percent) {
  const json result = compute(R"({"metric":"churn","inputs":{"start":100,"end":90,"new":15}})");
  EXPECT_DOUBLE_EQ(value_of(result), 25.0);
  EXPECT_EQ(result["input_set"], "movement");
}

TEST(MetricsRetention, NetChurnMayBeNegative) {
  EXPECT_DOUBLE_EQ(value_of(compute(R"({"metric":"churn","variant":"net","inputs":{"start":200,"end":190}})")), 5.0);
  const json growth = compute(R"({"metric":"churn","variant":"net","inputs":{"start":200,"end":210}})");
  EXPECT_DOUBLE_EQ(value_of(growth), -5.0);
  EXPECT_EQ(growth["warnings"][0]["code"], "negative_churn");
}

TEST(MetricsRetention, ClvBasic50x5x3Is750) {
  EXPECT_DOUBLE_EQ(value_of(compute(R"({"metric":"clv","variant":"basic","inputs":{"purchase_value":50,"purchases_per_year":5,"lifespan_years":3}})")), 750.0);
}

TEST(MetricsRetention, ClvBasicLifespanFromChurn) {
  const json result = compute(R"({"metric":"clv","variant":"basic","inputs":{"purchase_value":50,"purchases_per_year":5,"churn_percent":25}})");
  EXPECT_DOUBLE_EQ(value_of(result), 1000.0);
  EXPECT_EQ(result["warnings"][0]["code"], "lifespan_from_churn");
  const json endless = compute(R"({"metric":"clv","variant":"basic","inputs":{"purchase_value":50,"purchases_per_year":5,"churn_percent":0}})");
  EXPECT_EQ(error_code(endless), "input.zero_denominator");
  EXPECT_EQ(error_field(endless), "churn_percent");
  EXPECT_EQ(error_field(compute(R"({"metric":"clv","variant":"predictive","inputs":{"monthly_transactions":2,"order_value":40,"monthly_churn_percent":0}})")),
            "monthly_churn_percent");
  EXPECT_TRUE(compute(R"({"metric":"clv","variant":"basic","inputs":{"purchase_value":50,"purchases_per_year":5,"lifespan_years":3}})")["warnings"].empty());
}

TEST(MetricsRetention, ClvHistorical120_80_200Margin25Is100) {
  EXPECT_DOUBLE_EQ(value_of(compute(R"({"metric":"clv","variant":"historical","inputs":{"purchases":[120,80,200],"gross_margin":0.25}})")), 100.0);
  EXPECT_EQ(error_code(compute(R"({"metric":"clv","variant":"historical","inputs":{"purchases":[120],"gross_margin":25}})")), "input.above_max");
}

TEST(MetricsRetention, ClvPredictive2x40x24Is1920) {
  EXPECT_DOUBLE_EQ(value_of(compute(R"({"metric":"clv","variant":"predictive","inputs":{"monthly_transactions":2,"order_value":40,"lifespan_months":24}})")), 1920.0);
}

TEST(MetricsRetention, ClvNetOfCac600x4Minus150Is2250) {
  const json result = compute(R"({"metric":"clv","variant":"net_of_cac","inputs":{"annual_revenue":600,"years":4,"cac":150}})");
  EXPECT_DOUBLE_EQ(value_of(result), 2250.0);
  EXPECT_DOUBLE_EQ(result["parts"]["clv_cac_ratio"].get<double>(), 16.0);
}

TEST(MetricsRetention, Cac10000Over20000Is0_50) {
  EXPECT_DOUBLE_EQ(value_of(compute(R"({"metric":"cac","inputs":{"spend":10000,"customers_acquired":20000}})")), 0.5);
  EXPECT_EQ(error_code(compute(R"({"metric":"cac","inputs":{"spend":10000,"customers_acquired":0}})")), "input.zero_denominator");
}

TEST(Statistics, WilsonIntervalMatchesAnIndependentComputation) {
  // Independently in Python (centre (p + z²/2n)/(1 + z²/n), half-width z/(1 + z²/n)·√(p(1−p)/n + z²/4n²)).
  const stats::Interval interval = stats::wilson_interval(30, 50);
  EXPECT_NEAR(interval.low, 0.4618144, 1e-6);
  EXPECT_NEAR(interval.high, 0.7239161, 1e-6);
  const stats::Interval all = stats::wilson_interval(10, 10);
  EXPECT_DOUBLE_EQ(all.high, 1.0);
  EXPECT_NEAR(all.low, 0.722467, 1e-6);
}

TEST(Statistics, QuantilesInterpolateLikeNumpy) {
  const std::vector<double> values{1, 2, 3, 4, 10};
  EXPECT_DOUBLE_EQ(stats::quantile_sorted(values, 0.5), 3.0);
  EXPECT_DOUBLE_EQ(stats::quantile_sorted(values, 0.9), 7.6);  // numpy.percentile([1,2,3,4,10], 90) = 7.6
  EXPECT_DOUBLE_EQ(stats::quantile_sorted({5}, 0.9), 5.0);
}

TEST(Statistics, TwoProportionTestMatchesTextbook) {
  // 45/100 vs 60/100: pooled p = 0.525, se = 0.070622, z = 2.1240, p = 0.03367.
  const stats::ZTest test = stats::two_proportion_test(45, 100, 60, 100);
  EXPECT_NEAR(test.z, 2.12398, 1e-4);
  EXPECT_NEAR(test.p_value, 0.03367, 1e-4);
  EXPECT_TRUE(test.significant);
}

}  // namespace
}  // namespace skpi::metric_tests
