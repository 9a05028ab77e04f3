// Report pieces shared by the kinds of file analysis: numbers that are never NaN, shares with
// Wilson intervals, duration summaries, NPS/CSAT/CES from rating counts, period comparisons.
#pragma once

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "core/analysis/accumulators.hpp"

namespace skpi::analysis {

using nlohmann::json;

/** A finite number, or null (JSON has no NaN and the report never carries one). */
json number(double value);

/** {value (percent), n, ci: {low, high, level}} from hits of n; null when n == 0. */
json share(std::uint64_t hits, std::uint64_t n);

/** {mean, median, p90, n, min, max, sd} in the store's unit; {n: 0} when empty. Reorders the store. */
json summary_json(QuantileStore& store);
json summary_json(const QuantileSummary& summary);

/** NPS: promoters 9-10, passives 7-8, detractors 0-6 (also on 1-10 scales). */
json nps_json(const RatingCounts& counts, const RatingScale* forced_scale = nullptr);
/** CSAT: satisfied = top two points (3 on 1-3) or >= threshold; text verdicts good/bad when no numbers. */
json csat_json(const RatingCounts& counts, const RatingScale* forced_scale, const int* threshold);
/** CES (mean variant) with its interval; top2 share on 1-5. */
json ces_json(const RatingCounts& counts, const RatingScale* forced_scale);

/** Date text of a day number ("2024-03-01"), ISO week ("2024-W09"), month ("2024-03"). */
std::string day_text(std::int64_t day);
std::string week_text(std::int64_t day);
std::string month_text_of_day(std::int64_t day);
std::string month_text(int month_key);
int month_key_of_day(std::int64_t day);

/** Headline comparison of two metric objects of the same kind: for each figure both carry, the
 *  change b − a and, where a test exists, significance at 95% (two-proportion z for shares, the NPS
 *  difference with its combined standard error, Welch's z for means). */
json compare_metrics(const json& a, const json& b);

}  // namespace skpi::analysis
