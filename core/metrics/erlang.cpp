#include "core/metrics/erlang.hpp"

#include <algorithm>
#include <cmath>
#include <map>

namespace skpi::metrics::erlang {
namespace {

// States whose weight is below e^-50 of the mode's (about 2e-22) are dropped: even a million of them change
// no probability in the 15th digit.
constexpr double log_cut = 50.0;

// Rounding in A = contacts × AHT / interval and in the target fractions must not flip a comparison that holds
// exactly on paper (e.g. 7 erlangs on 10 agents against a 70% occupancy limit).
constexpr double tolerance = 1e-12;

Point point_from_blocking(double traffic, long long agents, double blocking_probability, double aht_seconds,
                          double target_seconds) {
  const double c = static_cast<double>(agents);
  Point point;
  point.agents = agents;
  point.wait_probability = wait_probability_from_blocking(traffic, agents, blocking_probability);
  point.service_level = 1.0 - point.wait_probability * std::exp(-(c - traffic) * target_seconds / aht_seconds);
  point.asa_seconds = point.wait_probability * aht_seconds / (c - traffic);
  point.occupancy = traffic / c;
  point.mean_queue = point.wait_probability * traffic / (c - traffic);
  return point;
}

// P(K ≥ j + 1) for j = 0..max_ahead, K ~ negative binomial with pmf Γ(k+a+1)/(Γ(a+1)·k!)·x^k·(1−x)^(a+1),
// a = c/θ', x = 1 − e^(−θ't'), in AHT time units (θ' = AHT/patience, t' = T/AHT). K counts the places a
// waiting contact can advance within t; its pmf is built in log space from log p0 = −(c + θ')·t' exactly, so
// neither thousands of agents nor tiny abandonment rates underflow it. Entries past the returned size are 0.
std::optional<std::vector<double>> advance_tails(double c, double theta, double target, long long max_ahead) {
  std::vector<double> tails;
  if (max_ahead < 0 || target <= 0) return tails;
  const double x = -std::expm1(-theta * target);
  const double x_over_theta = x / theta;  // → t' as θ' → 0: the Poisson(c·t') limit of Erlang C
  std::vector<double> pmf;
  double log_p = -(c + theta) * target;
  double max_log = log_p;
  bool decayed = false;
  for (long long k = 0;; ++k) {
    pmf.push_back(log_p);
    max_log = std::max(max_log, log_p);
    if (k > max_ahead) break;  // P(K ≥ j+1) for j ≤ max_ahead needs p_0..p_max_ahead only
    if (k >= work_limit) return std::nullopt;
    const double step = std::log(x_over_theta * c + x * static_cast<double>(k + 1)) - std::log(static_cast<double>(k + 1));
    if (step < 0 && log_p < max_log - log_cut) {
      decayed = true;
      break;
    }
    log_p += step;
  }
  for (double& value : pmf) value = std::exp(value);
  const std::size_t count = std::min(pmf.size(), static_cast<std::size_t>(max_ahead) + 1);
  tails.assign(count, 0.0);
  if (decayed) {
    // Summing the upper tail from the top keeps small tails accurate to their last digits.
    double upper = 0;
    for (std::size_t k = pmf.size(); k-- > 1;) {
      upper += pmf[k];
      if (k - 1 < count) tails[k - 1] = upper;
    }
  } else {
    double lower = 0;
    for (std::size_t j = 0; j < count; ++j) {
      lower += pmf[j];
      tails[j] = std::max(0.0, 1.0 - lower);
    }
  }
  return tails;
}

}  // namespace

double blocking(double traffic, long long lines) {
  double value = 1.0;
  for (long long k = 1; k <= lines; ++k) {
    const double offered = traffic * value;
    value = offered / (static_cast<double>(k) + offered);
  }
  return value;
}

double wait_probability_from_blocking(double traffic, long long agents, double blocking_probability) {
  const double c = static_cast<double>(agents);
  return c * blocking_probability / (c - traffic * (1.0 - blocking_probability));
}

double wait_probability(double traffic, long long agents) {
  return wait_probability_from_blocking(traffic, agents, blocking(traffic, agents));
}

Point erlang_c(double traffic, long long agents, double aht_seconds, double target_seconds) {
  return point_from_blocking(traffic, agents, blocking(traffic, agents), aht_seconds, target_seconds);
}

std::vector<Point> erlang_c_range(double traffic, long long first, long long last, double aht_seconds,
                                  double target_seconds) {
  std::vector<Point> points;
  if (last < first) return points;
  double value = blocking(traffic, first - 1);
  for (long long c = first; c <= last; ++c) {
    const double offered = traffic * value;
    value = offered / (static_cast<double>(c) + offered);
    points.push_back(point_from_blocking(traffic, c, value, aht_seconds, target_seconds));
  }
  return points;
}

double erlang_a_answered_within(long long agents, double aht_seconds, double patience_seconds, double target_seconds,
                                long long ahead) {
  const double c = static_cast<double>(agents);
  const double theta = aht_seconds / patience_seconds;
  const auto tails = advance_tails(c, theta, target_seconds / aht_seconds, ahead);
  if (!tails) return std::nan("");
  const double tail = static_cast<std::size_t>(ahead) < tails->size() ? (*tails)[static_cast<std::size_t>(ahead)] : 0.0;
  return c / (c + static_cast<double>(ahead + 1) * theta) * tail;
}

std::optional<Point> erlang_a(double traffic, long long agents, double aht_seconds, double patience_seconds,
                              double target_seconds) {
  Point point;
  point.agents = agents;
  if (!(traffic > 0)) {
    point.service_level = 1;
    return point;
  }
  // Time is measured in AHTs: service rate 1 per agent, arrival rate A, abandonment rate θ' per waiting contact.
  const double a = traffic;
  const double c = static_cast<double>(agents);
  const double theta = aht_seconds / patience_seconds;
  const double target = target_seconds / aht_seconds;
  if (!(theta > 0) || !std::isfinite(theta)) return std::nullopt;
  const auto departures = [&](long long n) {
    return n <= agents ? static_cast<double>(n) : c + static_cast<double>(n - agents) * theta;
  };

  // The mode: births A, deaths min(n, c) + θ'·max(n − c, 0); the weight rises while A ≥ deaths.
  const double mode_real = a <= c ? std::floor(a) : c + std::floor((a - c) / theta);
  if (!(mode_real < static_cast<double>(work_limit) * 1e6)) return std::nullopt;
  const auto mode = static_cast<long long>(mode_real);
  // An overloaded queue far above the agents spreads over about √(A/θ') states around its mode, all of which
  // (and every queue position below them) would be visited: give up before walking them.
  if (mode > agents && static_cast<double>(mode - agents) + 25.0 * std::sqrt(a / theta) > static_cast<double>(work_limit)) {
    return std::nullopt;
  }

  // Weights relative to the mode's (log weight 0): every weight kept lies in [e^-50, 1], so neither A^n/n! nor
  // its normalising sum is ever formed and nothing overflows or underflows. Walking outward the log weight only
  // falls; it is carried as the product of the birth/death ratios, the same numbers as the sum of their logs at
  // the cost of a division per state instead of a logarithm (huge patience visits millions of states).
  const double floor_weight = std::exp(-log_cut);
  long long steps = 0;
  double weight = 1;
  long long low = mode;
  while (low > 0) {
    const double next = weight * departures(low) / a;
    if (next < floor_weight) break;
    weight = next;
    --low;
    if (++steps > work_limit) return std::nullopt;
  }
  const double low_weight = weight;
  long long high = mode;
  weight = 1;
  for (;;) {
    const double next = weight * a / departures(high + 1);
    if (next < floor_weight) break;
    weight = next;
    ++high;
    if (++steps > work_limit) return std::nullopt;
  }
  if (high - agents > work_limit) return std::nullopt;

  std::vector<double> tails;
  if (high >= agents) {
    auto computed = advance_tails(c, theta, target, high - agents);
    if (!computed) return std::nullopt;
    tails = std::move(*computed);
  }

  // For a contact with j ahead: S_j = P(answered eventually), T_j = E[wait · 1{answered}], by the recursion
  // S_i = (r_i/q_i)·S_{i−1}, T_i = (r_i/q_i)·(S_{i−1}/q_i + T_{i−1}), r_i = c + iθ', q_i = r_i + θ'.
  long long current = -1;
  double answered_share = 1;
  double answered_wait = 0;
  const auto advance = [&] {
    ++current;
    const double r = c + static_cast<double>(current) * theta;
    const double q = r + theta;
    const double keep = r / q;
    answered_wait = keep * (answered_share / q + answered_wait);
    answered_share *= keep;
  };

  double total = 0, below = 0, waiting = 0, queue = 0, answered = 0, wait_time = 0, within = 0;
  weight = low_weight;
  for (long long n = low; n <= high; ++n) {
    if (n > low) weight *= a / departures(n);
    total += weight;
    if (n < agents) {
      below += weight;
      continue;
    }
    const long long ahead = n - agents;
    while (current < ahead) advance();
    waiting += weight;
    queue += weight * static_cast<double>(ahead);
    answered += weight * answered_share;
    wait_time += weight * answered_wait;
    if (static_cast<std::size_t>(ahead) < tails.size()) within += weight * answered_share * tails[static_cast<std::size_t>(ahead)];
  }

  point.wait_probability = waiting / total;
  point.mean_queue = queue / total;
  point.abandon_probability = std::min(1.0, theta * point.mean_queue / a);  // θ·E[queue] / λ
  point.service_level = (below + within) / total;
  const double answered_total = below + answered;
  point.asa_seconds = answered_total > 0 ? wait_time / answered_total * aht_seconds : 0.0;
  point.occupancy = a * (1.0 - point.abandon_probability) / c;
  return point;
}

long long agent_limit(double traffic) {
  const double limit = std::floor(traffic + 10.0 * std::sqrt(traffic) + 1000.0);
  return limit >= 100000.0 ? 100000 : static_cast<long long>(limit);
}

bool meets(const Point& point, const Target& target) {
  return point.service_level >= target.service_level - tolerance &&
         point.occupancy <= target.max_occupancy + tolerance;
}

Search erlang_c_agents(double traffic, double aht_seconds, const Target& target) {
  Search search;
  search.limit = agent_limit(traffic);
  if (!(traffic < static_cast<double>(search.limit))) return search;
  const long long first = static_cast<long long>(std::floor(traffic)) + 1;
  double value = blocking(traffic, first - 1);
  bool service_level_met_before = false;
  for (long long c = first; c <= search.limit; ++c) {
    const double offered = traffic * value;
    value = offered / (static_cast<double>(c) + offered);
    const Point point = point_from_blocking(traffic, c, value, aht_seconds, target.seconds);
    if (meets(point, target)) {
      search.status = SearchStatus::found;
      search.agents = c;
      search.occupancy_binding = service_level_met_before;
      return search;
    }
    service_level_met_before = point.service_level >= target.service_level - tolerance;
  }
  return search;
}

Search erlang_a_agents(double traffic, double aht_seconds, double patience_seconds, const Target& target) {
  Search search;
  search.limit = agent_limit(traffic);
  // Answered within T ≤ answered = carried load / A ≤ c / A, so no c below target·A can do.
  if (!(target.service_level * traffic <= static_cast<double>(search.limit))) return search;
  const long long lower = std::max<long long>(1, static_cast<long long>(std::floor(target.service_level * traffic)));

  std::map<long long, std::optional<Point>> cache;
  const auto evaluate = [&](long long c) -> const std::optional<Point>& {
    auto found = cache.find(c);
    if (found == cache.end()) {
      found = cache.emplace(c, erlang_a(traffic, c, aht_seconds, patience_seconds, target.seconds)).first;
    }
    return found->second;
  };

  // Start where Erlang C puts the answer: with long patience Erlang A lands next to it, and starting there
  // keeps the probes away from overloaded agent counts whose queues would be astronomically long.
  const Search without_abandonment = erlang_c_agents(traffic, aht_seconds, target);
  long long start = without_abandonment.status == SearchStatus::found
                        ? without_abandonment.agents
                        : traffic < static_cast<double>(search.limit) ? static_cast<long long>(std::floor(traffic)) + 1
                                                                       : search.limit;
  start = std::clamp(start, lower, search.limit);

  long long good = -1;
  long long bad = -1;
  const auto& first = evaluate(start);
  if (!first) {
    search.status = SearchStatus::too_large;
    return search;
  }
  if (meets(*first, target)) {
    good = start;
    for (long long step = 1; good > lower; step *= 2) {
      const long long probe = std::max(lower, good - step);
      const auto& point = evaluate(probe);
      // A distribution too wide to evaluate below a passing count is a hopelessly long queue: a failure.
      if (point && meets(*point, target)) {
        good = probe;
      } else {
        bad = probe;
        break;
      }
    }
  } else {
    bad = start;
    for (long long step = 1; good < 0; step *= 2) {
      if (bad >= search.limit) return search;
      const long long probe = std::min(search.limit, bad + step);
      const auto& point = evaluate(probe);
      if (!point) {
        search.status = SearchStatus::too_large;
        return search;
      }
      if (meets(*point, target)) {
        good = probe;
      } else {
        bad = probe;
      }
    }
  }
  while (bad >= 0 && good - bad > 1) {
    const long long middle = bad + (good - bad) / 2;
    const auto& point = evaluate(middle);
    if (point && meets(*point, target)) {
      good = middle;
    } else {
      bad = middle;
    }
  }
  search.status = SearchStatus::found;
  search.agents = good;
  if (good > 1) {
    const auto& fewer = evaluate(good - 1);
    search.occupancy_binding = fewer && fewer->service_level >= target.service_level - tolerance;
  }
  return search;
}

}  // namespace skpi::metrics::erlang
