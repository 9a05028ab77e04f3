// Ticket records and their accumulator: durations (calendar and business), FCR under every
// definition, reopen/resolution rates, CSAT, SLA shares, backlog, volume grids and the agent table.
#pragma once

#include <array>
#include <cmath>
#include <cstdint>
#include <limits>

#include <nlohmann/json.hpp>

#include "core/analysis/accumulators.hpp"
#include "core/analysis/dictionary.hpp"
#include "core/analysis/options.hpp"
#include "core/analysis/values.hpp"
#include "core/time/business_hours.hpp"

namespace skpi::analysis {

/** One ticket after its cells were read. Times are UTC milliseconds (no_time when absent);
 *  counts are -1 when absent; ready-made durations are seconds, NaN when absent. */
struct TicketRecord {
  static constexpr double absent = std::numeric_limits<double>::quiet_NaN();
  std::int64_t created = no_time, first_response = no_time, resolved = no_time, closed = no_time;
  std::uint32_t status = Dictionary::missing, channel = Dictionary::missing, category = Dictionary::missing,
                agent = Dictionary::missing, group = Dictionary::missing, priority = Dictionary::missing;
  std::int8_t status_class = 0;  // 0 unknown, 1 resolved, 2 open
  std::int8_t verdict = 0;       // text CSAT: 1 good, 2 bad
  std::int8_t made_sla = -1, sla_first_response = -1, sla_resolution = -1;  // 1 met, 0 missed
  std::int32_t replies = -1, agent_interactions = -1, customer_interactions = -1, reopens = -1, reassignments = -1,
               agent_count = -1;
  double rating = absent;
  double first_response_column = absent, first_response_business_column = absent;
  double resolution_column = absent, resolution_business_column = absent;
};

/** Settings shared by the accumulators of one analysis. */
struct TicketSettings {
  const time::BusinessCalendar* calendar = nullptr;
  bool closed_is_resolution = false;   // no resolved_at column: closed_at ends the resolution
  bool has_resolution_info = true;     // some status / resolved / closed column exists
  bool has_first_response = true;     // a first-response timestamp or duration column exists
  bool has_resolution_end = true;      // a resolved / closed timestamp or resolution duration column exists
  bool has_first_response_business = false;  // a ready-made business-hours first-response column exists
  bool has_resolution_business = false;      // a ready-made business-hours resolution column exists
  double fcr_minutes = 15;
  const time::Zone* zone = nullptr;    // local days for volume and backlog
};

class TicketAccumulator {
 public:
  static constexpr std::uint32_t grid_width = 24;  // channels / categories drawn per day; more share "(other)"

  /** SLA targets in seconds (first response, resolution; the same for their business figures). */
  void set_targets(double first_response_seconds, double resolution_seconds);
  void add(const TicketRecord& ticket, const TicketSettings& settings, LocalClock& clock);
  void merge(const TicketAccumulator& other);

  struct Names {
    const Dictionary* status;
    const Dictionary* channel;
    const Dictionary* category;
    const Dictionary* agent;
    const Dictionary* group;
    const Dictionary* priority;
  };
  /** The metrics object of the report. Summaries reorder the duration stores. */
  nlohmann::json report(const Names& names, const Options& options, const TicketSettings& settings,
                        std::vector<std::string>& warnings);

  std::uint64_t tickets() const { return tickets_; }

  // Exclusion reasons of the duration figures.
  enum Exclusion : std::uint8_t { no_created, no_end, no_end_time, negative, unresolved, exclusion_count };

  /** A duration figure. The calendar first-response and resolution values of a ticket with an
   *  agent are kept in that agent's store only, those without one in `store`: the figure is the
   *  union (one copy of each value: half the memory, and in wasm each fresh page costs a fault). */
  struct DurationFigure {
    QuantileStore store;
    std::uint64_t stored = 0;  // values of the figure, wherever they are kept
    std::array<std::uint64_t, exclusion_count> excluded{};
    std::uint64_t from_column = 0, from_timestamps = 0;
    std::int64_t target_millis = INT64_MAX;  // SLA target of this figure
    std::uint64_t within_target = 0;          // values <= target
    void merge(const DurationFigure& other);
  };
  struct AgentStats {
    std::uint64_t handled = 0, resolved = 0;
    std::array<std::uint64_t, fcr_definition_count> fcr_hits{}, fcr_n{};
    QuantileStore first_response, resolution;
    RatingCounts csat;
    void merge(const AgentStats& other);
  };

  DurationFigure first_response, resolution, first_response_business, resolution_business;

 private:
  std::uint64_t tickets_ = 0, resolved_ = 0, open_ = 0;
  std::array<std::uint64_t, fcr_definition_count> fcr_hits_{}, fcr_n_{};
  std::uint64_t reopened_ = 0, reopen_n_ = 0;
  RatingCounts csat_;
  std::uint64_t made_sla_ = 0, made_sla_n_ = 0, frt_sla_met_ = 0, frt_sla_n_ = 0, resolution_sla_met_ = 0, resolution_sla_n_ = 0;
  DayCounts volume_by_day_, opened_by_day_, closed_by_day_;
  std::uint64_t no_created_day_ = 0, backlog_excluded_ = 0;
  DayGrid channel_grid_{grid_width}, category_grid_{grid_width};
  PerKey<std::uint64_t> by_status_, by_channel_, by_category_, by_priority_, by_group_;
  std::uint64_t no_channel_ = 0, no_category_ = 0, no_status_ = 0, no_priority_ = 0, no_group_ = 0;
  PerKey<AgentStats> agents_;
  std::uint64_t no_agent_ = 0;
};

}  // namespace skpi::analysis
