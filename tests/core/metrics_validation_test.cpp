// Every validation rule of the form path: bad input gives {ok:false, error:{code, field}} and never a number.
#include <regex>
#include <set>

#include "core/api/api.hpp"
#include "core/metrics/spec.hpp"
#include "tests/core/metrics_test_util.hpp"

namespace skpi::metric_tests {
namespace {

using nlohmann::json;

struct Case {
  const char* request;
  const char* code;
  const char* field;
};

class MetricsValidation : public ::testing::TestWithParam<Case> {};

TEST_P(MetricsValidation, GivesCodeAndField) {
  const json result = compute(GetParam().request);
  EXPECT_EQ(error_code(result), GetParam().code) << GetParam().request;
  EXPECT_EQ(error_field(result), GetParam().field) << GetParam().request;
  EXPECT_FALSE(result["error"]["message"].get<std::string>().empty());
  EXPECT_FALSE(result.contains("value"));
}

INSTANTIATE_TEST_SUITE_P(Rules, MetricsValidation, ::testing::Values(
    Case{R"({"metric":"nope","inputs":{}})", "request.unknown_metric", "metric"},
    Case{R"({"inputs":{}})", "request.unknown_metric", "metric"},
    Case{R"({"metric":"nps","variant":"fancy","inputs":{}})", "request.unknown_variant", "variant"},
    Case{R"({"metric":"nps","inputs":{},"extra":1})", "request.unknown_key", "extra"},
    Case{R"({"metric":"nps","inputs":[1,2]})", "request.invalid", "inputs"},
    Case{R"({"metric":"nps","inputs":{"promoters":1,"passives":2,"detractors":3,"fans":4}})", "input.unknown", "fans"},
    Case{R"({"metric":"csat","inputs":{"satisfied":3,"responses":4},"options":{"colour":"red"}})", "option.unknown", "colour"},
    Case{R"({"metric":"csat","inputs":{"satisfied":3,"responses":4},"options":{"scale":"0-100"}})", "option.invalid", "scale"},
    Case{R"({"metric":"nps","inputs":{"promoters":70,"passives":20}})", "input.missing", "detractors"},
    Case{R"({"metric":"nps","inputs":{}})", "input.missing", "promoters"},
    Case{R"({"metric":"nps","inputs":{"promoters":"seventy","passives":20,"detractors":10}})", "input.not_a_number", "promoters"},
    Case{R"({"metric":"nps","inputs":{"promoters":true,"passives":20,"detractors":10}})", "input.not_a_number", "promoters"},
    Case{R"({"metric":"nps","inputs":{"promoters":"NaN","passives":20,"detractors":10}})", "input.not_finite", "promoters"},
    Case{R"({"metric":"nps","inputs":{"promoters":"Infinity","passives":20,"detractors":10}})", "input.not_finite", "promoters"},
    Case{R"({"metric":"nps","inputs":{"promoters":-1,"passives":20,"detractors":10}})", "input.negative", "promoters"},
    Case{R"({"metric":"nps","inputs":{"promoters":1.5,"passives":20,"detractors":10}})", "input.not_integer", "promoters"},
    Case{R"({"metric":"nps","inputs":{"promoters":0,"passives":0,"detractors":0}})", "input.zero_denominator", "promoters"},
    Case{R"({"metric":"nps","inputs":{"promoter_percent":101,"detractor_percent":0}})", "input.above_max", "promoter_percent"},
    Case{R"({"metric":"nps","inputs":{"promoters":7,"passives":2,"detractors":1,"promoter_percent":70}})", "input.conflicting_alternatives", "promoter_percent"},
    Case{R"({"metric":"nps","inputs":{"ratings":[]}})", "input.empty", "ratings"},
    Case{R"({"metric":"nps","inputs":{"ratings":5}})", "input.not_a_list", "ratings"},
    Case{R"({"metric":"nps","inputs":{"ratings":[10,11]}})", "input.rating_out_of_scale", "ratings[1]"},
    Case{R"({"metric":"nps","inputs":{"ratings":[10,"x"]}})", "input.not_a_number", "ratings[1]"},
    Case{R"({"metric":"csat","inputs":{"satisfied":60,"responses":50}})", "input.part_exceeds_whole", "satisfied"},
    Case{R"({"metric":"csat","inputs":{"satisfied":0,"responses":0}})", "input.zero_denominator", "responses"},
    Case{R"({"metric":"csat","inputs":{"counts":[0,0,0,0,0]}})", "input.zero_denominator", "counts"},
    Case{R"({"metric":"csat","inputs":{"counts":[1,2,3]}})", "input.wrong_length", "counts"},
    Case{R"({"metric":"csat","inputs":{"counts":[1,2,3,-4,5]}})", "input.negative", "counts[3]"},
    Case{R"({"metric":"crr","inputs":{"start":0,"end":5,"new":1}})", "input.zero_denominator", "start"},
    Case{R"({"metric":"clv","variant":"historical","inputs":{"purchases":[10,-5],"gross_margin":0.2}})", "input.negative", "purchases[1]"},
    Case{R"({"metric":"clv","variant":"historical","inputs":{"purchases":[10],"gross_margin":1.2}})", "input.above_max", "gross_margin"},
    Case{R"({"metric":"engagement","inputs":{"components":[{"name":"a","weight":1}]}})", "input.missing", "components[0].part"},
    Case{R"({"metric":"engagement","inputs":{"components":[{"name":"a","weight":1,"rate":120}]}})", "input.above_max", "components[0].rate"},
    Case{R"({"metric":"iqs","inputs":{"weights":[1],"scores":[[50],[]]}})", "input.empty", "scores[1]"}));

TEST(MetricsValidationApi, MalformedJsonIsARequestError) {
  const json result = json::parse(api::compute_json("{\"metric\": \"nps\", "));
  EXPECT_EQ(result["ok"], false);
  EXPECT_EQ(result["error"]["code"], "request.invalid_json");
  EXPECT_EQ(json::parse(api::compute_json("[]"))["error"]["code"], "request.invalid");
  EXPECT_EQ(json::parse(api::compute_json(""))["error"]["code"], "request.invalid_json");
}

TEST(MetricsValidationApi, NullInputsAreTreatedAsNotGiven) {
  const json result = compute(R"({"metric":"nps","inputs":{"promoters":70,"passives":20,"detractors":10,"promoter_percent":null}})");
  EXPECT_DOUBLE_EQ(value_of(result), 60.0);
}

TEST(MetricsPrecision, CountsUpToTenToTheTwelveKeepEveryDigit) {
  const json result = compute(R"({"metric":"csat","inputs":{"satisfied":999999999999,"responses":1000000000000}})");
  EXPECT_DOUBLE_EQ(value_of(result), 99.9999999999);
  const json nps = compute(R"({"metric":"nps","inputs":{"promoters":700000000000,"passives":200000000000,"detractors":100000000000}})");
  EXPECT_DOUBLE_EQ(value_of(nps), 60.0);
  const json one = compute(R"({"metric":"fcr","inputs":{"first_contact_resolved":1,"resolved":1000000000000}})");
  if (one.value("ok", false)) EXPECT_DOUBLE_EQ(one["value"].get<double>(), 1e-10);
}

TEST(MetricsPrecision, HugeButFiniteInputsNeverGiveInfinity) {
  const json result = compute(R"({"metric":"clv","variant":"basic","inputs":{"purchase_value":1e300,"purchases_per_year":1e300,"lifespan_years":10}})");
  EXPECT_EQ(error_code(result), "input.out_of_range");
}

// Every worked example in the catalogue computes to its stated value: the same list the Node tests
// run through the wasm build, so native and wasm cannot drift.
TEST(MetricsCatalogue, EveryExampleComputesToItsValue) {
  const json catalogue = metrics::catalogue();
  int examples = 0;
  for (const auto& metric : catalogue["metrics"]) {
    for (const auto& variant : metric["variants"]) {
      for (const auto& example : variant["examples"]) {
        const json result = compute_request({{"metric", metric["id"]}, {"variant", variant["id"]},
                                             {"inputs", example["inputs"]}, {"options", example["options"]}});
        ++examples;
        ASSERT_TRUE(result["ok"].get<bool>()) << example["name"] << ": " << result.dump();
        EXPECT_NEAR(result["value"].get<double>(), example["value"].get<double>(), 1e-9) << example["name"];
        if (example.contains("ci")) {
          EXPECT_NEAR(result["ci"]["low"].get<double>(), example["ci"]["low"].get<double>(), 0.05) << example["name"];
          EXPECT_NEAR(result["ci"]["high"].get<double>(), example["ci"]["high"].get<double>(), 0.05) << example["name"];
        }
      }
    }
  }
  EXPECT_GE(examples, 20);
}

// The page shows formulas and interpretations with the result's numbers substituted: every placeholder
// must have a number, and every key a result refers to must have an English text in the catalogue.
TEST(MetricsCatalogue, ResultsReferToKnownTextsWithAllPlaceholders) {
  const json catalogue = metrics::catalogue();
  const json& texts = catalogue["texts"];
  const std::regex placeholder(R"(\{([a-z_0-9]+)(:[a-z0-9]+)?\})");
  auto check = [&](const json& reference, const std::string& where) {
    const std::string key = reference["key"];
    ASSERT_TRUE(texts.contains(key)) << where << " refers to missing text " << key;
    const std::string text = texts[key];
    for (auto it = std::sregex_iterator(text.begin(), text.end(), placeholder); it != std::sregex_iterator(); ++it) {
      EXPECT_TRUE(reference["values"].contains((*it)[1].str())) << where << ": " << key << " needs {" << (*it)[1] << "}";
    }
  };
  for (const auto& metric : catalogue["metrics"]) {
    EXPECT_TRUE(texts.contains(metric["name_key"])) << metric["id"];
    for (const auto& variant : metric["variants"]) {
      for (const auto& input : variant["inputs"]) EXPECT_TRUE(texts.contains(input["label_key"])) << input["name"];
      for (const auto& example : variant["examples"]) {
        const json result = compute_request({{"metric", metric["id"]}, {"variant", variant["id"]},
                                             {"inputs", example["inputs"]}, {"options", example["options"]}});
        if (!result.value("ok", false)) continue;
        const std::string where = example["name"];
        check(result["formula"], where);
        if (!result["interpretation"].is_null()) check(result["interpretation"], where);
        for (const auto& warning : result["warnings"]) {
          EXPECT_TRUE(texts.contains("warning." + warning["code"].get<std::string>())) << where << " warning " << warning["code"];
        }
        for (const auto& table : result["tables"]) {
          EXPECT_TRUE(texts.contains(table["key"])) << where << " table " << table["key"];
          for (const auto& column : table["columns"]) EXPECT_TRUE(texts.contains(column["key"])) << where << " column " << column["key"];
        }
        if (result["chart"].is_object() && result["chart"].contains("items")) {
          for (const auto& item : result["chart"]["items"]) {
            if (item.contains("key")) EXPECT_TRUE(texts.contains(item["key"])) << where << " chart " << item["key"];
          }
        }
      }
    }
  }
}

TEST(MetricsCatalogue, EveryErrorCodeHasAnEnglishText) {
  const json texts = metrics::catalogue()["texts"];
  for (const char* code : {"request.invalid", "request.unknown_metric", "request.unknown_variant", "input.unknown",
                           "input.missing", "input.not_a_number", "input.not_finite", "input.negative",
                           "input.not_integer", "input.above_max", "input.zero_denominator", "input.part_exceeds_whole",
                           "input.empty", "input.rating_out_of_scale", "input.wrong_length", "option.invalid",
                           "input.conflicting_alternatives", "input.traffic_exceeds_agents", "internal"}) {
    EXPECT_TRUE(texts.contains(std::string("error.") + code)) << code;
  }
}

// The api.md table of metrics, variants and input names is a contract.
TEST(MetricsCatalogue, CoversTheApiContract) {
  const std::vector<std::pair<std::string, std::vector<std::string>>> contract = {
      {"csat", {"default"}}, {"nps", {"default"}}, {"ces", {"mean", "top2"}}, {"iqs", {"default"}},
      {"engagement", {"default"}}, {"referral_rate", {"default", "referrers"}}, {"feedback_response_rate", {"default"}},
      {"crr", {"default"}}, {"churn", {"default", "net"}}, {"clv", {"basic", "historical", "predictive", "net_of_cac"}},
      {"cac", {"default"}}};
  for (const auto& [metric_id, variants] : contract) {
    const metrics::MetricSpec* metric = metrics::find_metric(metric_id);
    ASSERT_NE(metric, nullptr) << metric_id;
    for (const auto& variant : variants) EXPECT_NE(metrics::find_variant(*metric, variant), nullptr) << metric_id << "/" << variant;
  }
}

TEST(MetricsCompare, NpsChangeAndSignificance) {
  const json result = metrics::compare(json::parse(R"({"metric":"nps","a":{"promoters":50,"passives":30,"detractors":20},
                                                       "b":{"promoters":60,"passives":25,"detractors":15}})"));
  ASSERT_TRUE(result["ok"].get<bool>()) << result.dump();
  EXPECT_DOUBLE_EQ(result["change"].get<double>(), 15.0);
  // var_a = (0.7 − 0.09)/100 = 0.0061, var_b = (0.75 − 0.2025)/100 = 0.005475; se = √0.011575·100 = 10.7587.
  EXPECT_NEAR(result["z"].get<double>(), 15.0 / 10.758717, 1e-5);
  EXPECT_FALSE(result["significant"].get<bool>());
}

TEST(MetricsCompare, SharesUseTheTwoProportionTest) {
  const json result = metrics::compare(json::parse(R"({"metric":"csat","a":{"satisfied":45,"responses":100},
                                                       "b":{"satisfied":60,"responses":100}})"));
  EXPECT_DOUBLE_EQ(result["change"].get<double>(), 15.0);
  EXPECT_NEAR(result["p_value"].get<double>(), 0.03367, 1e-4);
  EXPECT_TRUE(result["significant"].get<bool>());
}

TEST(MetricsCompare, MeansUseTheirIntervalsAndTotalsCannotBeTested) {
  const json means = metrics::compare(json::parse(R"({"metric":"ces","variant":"mean","a":{"ratings":[1,2,3,4,5,1,2,3]},
                                                      "b":{"ratings":[5,6,7,6,5,7,6,7]}})"));
  EXPECT_TRUE(means["significant"].get<bool>());
  const json totals = metrics::compare(json::parse(R"({"metric":"ces","variant":"mean","a":{"rating_sum":30,"responses":10},
                                                       "b":{"rating_sum":40,"responses":10}})"));
  EXPECT_TRUE(totals["significant"].is_null());
  EXPECT_EQ(totals["warnings"][0]["code"], "variance_unknown");
}

TEST(MetricsCompare, ErrorsNameTheSide) {
  const json result = metrics::compare(json::parse(R"({"metric":"csat","a":{"satisfied":45,"responses":100},"b":{"satisfied":-1,"responses":100}})"));
  EXPECT_EQ(result["error"]["field"], "b.satisfied");
  EXPECT_EQ(metrics::compare(json::parse(R"({"metric":"clv","variant":"basic","a":{},"b":{}})"))["ok"], false);
}

}  // namespace
}  // namespace skpi::metric_tests
