// Statistics used by every metric: confidence intervals, quantiles and significance tests.
// All intervals are two-sided 95% unless a level is passed; shares are fractions 0..1 here.
#pragma once

#include <cstddef>
#include <vector>

namespace skpi::stats {

inline constexpr double z95 = 1.959963984540054;  // Φ⁻¹(0.975)

struct Interval {
  double low = 0;
  double high = 0;
};

/** Wilson score interval for `successes` of `trials` (trials > 0), as fractions 0..1. */
Interval wilson_interval(double successes, double trials, double z = z95);

/** Normal interval mean ± z·s/√n from a sample's mean, sample standard deviation and size (n ≥ 2). */
Interval mean_interval(double mean, double standard_deviation, double n, double z = z95);

/** NPS interval in score points: p, d are promoter and detractor fractions of n responses. */
Interval nps_interval(double promoter_fraction, double detractor_fraction, double n, double z = z95);

/** Variance of the NPS estimate (as fraction difference p − d) for n responses. */
double nps_variance(double promoter_fraction, double detractor_fraction, double n);

struct Moments {
  double n = 0;
  double mean = 0;
  double variance = 0;  // sample variance (n − 1 denominator); 0 when n < 2
};

/** Mean and sample variance by Welford's method (stable for large, nearly equal values). */
Moments moments(const std::vector<double>& values);

/** Quantile q in [0, 1] of already sorted values, interpolating linearly at position q·(n−1)
 *  (numpy's default, DuckDB's quantile_cont). Precondition: !sorted.empty(). */
double quantile_sorted(const std::vector<double>& sorted, double q);

/** Standard normal cumulative distribution function. */
double normal_cdf(double z);

/** Two-sided p-value of a z statistic. */
double two_sided_p(double z);

struct ZTest {
  double z = 0;
  double p_value = 1;
  bool significant = false;  // p < 0.05
};

/** Pooled two-proportion z-test: successes a of trials na against b of nb. */
ZTest two_proportion_test(double a, double na, double b, double nb);

/** z-test of a difference with a known standard error (NPS, Welch-style means). */
ZTest difference_test(double difference, double standard_error);

}  // namespace skpi::stats
