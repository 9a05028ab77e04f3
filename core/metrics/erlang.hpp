// Queueing formulas behind the staffing and blocking metrics: Erlang B, Erlang C and Erlang A (with abandonment),
// and the searches for the smallest agent count meeting a service target. Pure numeric functions, no I/O.
#pragma once

#include <optional>
#include <vector>

namespace skpi::metrics::erlang {

/** Erlang B blocking probability (0..1) of `traffic` erlangs offered to `lines` servers, by the recursion
 *  B(0) = 1, B(k) = A·B(k−1) / (k + A·B(k−1)): every step stays in [0, 1], so thousands of erlangs neither
 *  overflow nor lose precision (relative error about lines × 1e-16). */
double blocking(double traffic, long long lines);

/** Erlang C probability of waiting c·B / (c − A·(1 − B)) from the Erlang B value at the same size.
 *  Precondition: agents > traffic. */
double wait_probability_from_blocking(double traffic, long long agents, double blocking_probability);

/** Erlang C probability of waiting (0..1). Precondition: agents > traffic. */
double wait_probability(double traffic, long long agents);

/** One staffing level evaluated under Erlang C or Erlang A. Shares are fractions 0..1 here. */
struct Point {
  long long agents = 0;
  double wait_probability = 0;     // an arriving contact finds every agent busy
  double service_level = 0;        // answered within the target time / offered
  double asa_seconds = 0;          // mean wait of answered contacts (those answered at once count as 0)
  double occupancy = 0;            // busy agents / agents
  double abandon_probability = 0;  // Erlang A only: offered contacts that hang up before an answer
  double mean_queue = 0;           // mean number waiting
};

/** Erlang C at `agents` (> traffic): SL(t) = 1 − P(wait)·exp(−(c − A)·t / AHT), ASA = P(wait)·AHT / (c − A),
 *  occupancy = A / c. */
Point erlang_c(double traffic, long long agents, double aht_seconds, double target_seconds);

/** Erlang C at every agent count first..last (first > traffic), one Erlang B recursion for all of them. */
std::vector<Point> erlang_c_range(double traffic, long long first, long long last, double aht_seconds,
                                  double target_seconds);

/** Erlang A (M/M/c+M: exponential patience with mean `patience_seconds`) at `agents` ≥ 1; traffic may exceed
 *  the agents. The stationary distribution is computed in log space around its mode and truncated where
 *  negligible, so thousands of erlangs neither overflow nor underflow. nullopt when the distribution is too
 *  wide to evaluate (more than work_limit states: extreme patience on a heavily overloaded queue). */
std::optional<Point> erlang_a(double traffic, long long agents, double aht_seconds, double patience_seconds,
                              double target_seconds);

/** Erlang A: probability that a contact arriving with `ahead` contacts queued in front of it is answered
 *  within `target_seconds`. Its place advances at rate cμ + iθ (i ahead) and it abandons itself at rate θ;
 *  this equals a/(a + j + 1) · P(K ≥ j + 1) with a = cμ/θ and K negative binomial (a + 1, 1 − e^(−θt)),
 *  the closed form of the absorbing chain (tests check it against uniformization). */
double erlang_a_answered_within(long long agents, double aht_seconds, double patience_seconds, double target_seconds,
                                long long ahead);

/** The most states an Erlang A evaluation may visit. */
inline constexpr long long work_limit = 5'000'000;

/** The largest agent count a search tries: A + 10·√A + 1000, at most 100000. */
long long agent_limit(double traffic);

struct Target {
  double service_level = 0.8;  // fraction 0..1
  double seconds = 20;         // answered within
  double max_occupancy = 1;    // fraction 0..1; 1 = no limit
};

/** Does this staffing level meet the target? (A relative tolerance of 1e-12 keeps 7 erlangs on 10 agents at
 *  exactly 70% occupancy from failing a 70% limit through rounding.) */
bool meets(const Point& point, const Target& target);

enum class SearchStatus { found, unreachable, too_large };

struct Search {
  SearchStatus status = SearchStatus::unreachable;
  long long agents = 0;  // the smallest agent count meeting the target (status found)
  long long limit = 0;   // the largest agent count tried
  bool occupancy_binding = false;  // one agent fewer would meet the service level but not the occupancy limit
};

/** Smallest c > traffic meeting the target under Erlang C (linear scan with an incremental Erlang B). */
Search erlang_c_agents(double traffic, double aht_seconds, const Target& target);

/** Smallest c ≥ 1 meeting the target under Erlang A. Service level and occupancy are monotone in c, so the
 *  search gallops from the Erlang C answer (or the stability bound) and bisects; at most a few dozen
 *  evaluations. */
Search erlang_a_agents(double traffic, double aht_seconds, double patience_seconds, const Target& target);

}  // namespace skpi::metrics::erlang
