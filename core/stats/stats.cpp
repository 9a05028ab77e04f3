#include "core/stats/stats.hpp"

#include <algorithm>
#include <cmath>

namespace skpi::stats {

Interval wilson_interval(double successes, double trials, double z) {
  const double p = successes / trials;
  const double z2 = z * z;
  const double denominator = 1.0 + z2 / trials;
  const double centre = (p + z2 / (2.0 * trials)) / denominator;
  const double half = z / denominator * std::sqrt(p * (1.0 - p) / trials + z2 / (4.0 * trials * trials));
  return {std::max(0.0, centre - half), std::min(1.0, centre + half)};
}

Interval mean_interval(double mean, double standard_deviation, double n, double z) {
  const double half = z * standard_deviation / std::sqrt(n);
  return {mean - half, mean + half};
}

double nps_variance(double promoter_fraction, double detractor_fraction, double n) {
  const double difference = promoter_fraction - detractor_fraction;
  return (promoter_fraction + detractor_fraction - difference * difference) / n;
}

Interval nps_interval(double promoter_fraction, double detractor_fraction, double n, double z) {
  const double score = (promoter_fraction - detractor_fraction) * 100.0;
  const double margin = z * std::sqrt(nps_variance(promoter_fraction, detractor_fraction, n)) * 100.0;
  return {std::max(-100.0, score - margin), std::min(100.0, score + margin)};
}

Moments moments(const std::vector<double>& values) {
  Moments result;
  double sum_of_squares = 0;
  for (double value : values) {
    result.n += 1;
    const double delta = value - result.mean;
    result.mean += delta / result.n;
    sum_of_squares += delta * (value - result.mean);
  }
  result.variance = result.n > 1 ? sum_of_squares / (result.n - 1) : 0.0;
  return result;
}

double quantile_sorted(const std::vector<double>& sorted, double q) {
  const double position = q * static_cast<double>(sorted.size() - 1);
  const auto below = static_cast<std::size_t>(std::floor(position));
  const std::size_t above = std::min(below + 1, sorted.size() - 1);
  const double weight = position - static_cast<double>(below);
  return sorted[below] + (sorted[above] - sorted[below]) * weight;
}

double normal_cdf(double z) { return 0.5 * std::erfc(-z / std::sqrt(2.0)); }

double two_sided_p(double z) { return std::erfc(std::fabs(z) / std::sqrt(2.0)); }

ZTest two_proportion_test(double a, double na, double b, double nb) {
  const double pooled = (a + b) / (na + nb);
  const double standard_error = std::sqrt(pooled * (1.0 - pooled) * (1.0 / na + 1.0 / nb));
  return difference_test(b / nb - a / na, standard_error);
}

ZTest difference_test(double difference, double standard_error) {
  ZTest test;
  if (!(standard_error > 0)) {
    // No spread at all: any non-zero difference is certain, a zero difference is none.
    test.z = 0;
    test.p_value = difference == 0 ? 1.0 : 0.0;
  } else {
    test.z = difference / standard_error;
    test.p_value = two_sided_p(test.z);
  }
  test.significant = test.p_value < 0.05;
  return test;
}

}  // namespace skpi::stats
