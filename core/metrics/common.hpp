// Computation pieces shared by several metrics: shares of a whole, distributions, duration lists.
// Internal to core/metrics; each returns a complete Result or a failure naming the field at fault.
#pragma once

#include <string>
#include <vector>

#include "core/metrics/result.hpp"

namespace skpi::metrics::common {

/** part / whole × 100 with the checks every share needs: whole > 0 and part ≤ whole. The formula
 *  values are {part_name: part, whole_name: whole, value}. No interval: these are counts of a whole
 *  population (all tickets of the period), not a sample. */
Result share(const Inputs& inputs, const std::string& part_name, const std::string& whole_name,
             const std::string& formula_key);

/** Fails when whole is 0 or part > whole; used by shares and by metric-specific checks. */
std::optional<Result> check_part_of_whole(double part, const std::string& part_name, double whole,
                                          const std::string& whole_name);

/** A count per scale point turned into ratings summary: n, mean, sample variance. */
struct Distribution {
  std::vector<double> counts;  // index 0 = lowest point
  int low_point = 0;
  double n = 0;
  double mean = 0;
  double variance = 0;
};

Distribution distribution_from_counts(const std::vector<double>& counts, int low_point);
Distribution distribution_from_ratings(const std::vector<double>& ratings, int low_point, int high_point);

/** Parts and a bar chart for a distribution; `good_from` marks the points counted as good. */
nlohmann::json distribution_parts(const Distribution& distribution);
nlohmann::json distribution_chart(const Distribution& distribution, double good_from, double good_to);

/** Mean ± 1.96·s/√n (n ≥ 2 with spread); otherwise no interval and a warning saying why. */
void set_mean_ci(Result& result, double mean, double variance, double n);

/** Mean, median, p90, min, max of durations (seconds) into parts; value = mean; CI on the mean. */
Result durations(const std::vector<double>& seconds, const std::string& formula_key);

/** value = total / count with count > 0; parts {total, count}. */
Result average(double total, const std::string& total_name, double count, const std::string& count_name,
               const std::string& formula_key, const std::string& unit);

}  // namespace skpi::metrics::common
