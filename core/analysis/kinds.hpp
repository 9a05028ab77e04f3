// The per-kind record processors of file analysis (tickets, survey, calls, transactions, QA, table):
// each reads its mapped cells from a record, feeds its accumulators and writes its report section.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/analysis/mapper.hpp"
#include "core/analysis/options.hpp"
#include "core/analysis/values.hpp"
#include "core/time/business_hours.hpp"

namespace skpi::analysis {

/** What every processor needs: the options, the mapping, timestamp readers per role, the issue log. */
struct Context {
  const Options* options = nullptr;
  const Mapping* mapping = nullptr;
  Issues* issues = nullptr;
  char decimal = '.';
  std::array<TimeColumn, role_count> times;          // valid() for mapped timestamp roles
  std::unique_ptr<time::BusinessCalendar> calendar;  // when business_hours was given
  int interval_seconds = 3600;                       // arrivals grid for calls
  bool dates_only = false;                           // the main date column has no time of day
  double score_scale_factor = 1;                     // QA: raw score → 0-100
  double score_scale_offset = 0;
  std::vector<std::string> warnings;                 // kind-level warnings for the report
  std::vector<std::string> preamble;                 // lines above the header (Chatwoot's "Reporting period ...")

  int column(Role role) const { return mapping->column(role); }
  static std::string_view cell(const std::string_view* fields, std::size_t count, int index) {
    return index >= 0 && static_cast<std::size_t>(index) < count ? fields[index] : std::string_view();
  }
  /** 0: main period (or no period), 1: the compare_to period, -1: outside both. */
  int route(std::int64_t day) const {
    if (!options->period) return 0;
    if (options->period->contains(day)) return 0;
    if (options->compare_to && options->compare_to->contains(day)) return 1;
    return -1;
  }
  bool filtering() const { return options->period.has_value(); }
  /** With merge_check, every other main-period row goes to the second accumulator. */
  bool split(std::uint64_t row) const { return options->merge_check && (row & 1) != 0; }
  bool comparing() const { return options->compare_to.has_value(); }
};

/** The accumulator a row dated `day` (no_time: undated) goes to: the compare_to one, the main one,
 *  or with merge_check every other main-period row the second one. nullptr when a period is set
 *  and the row is outside it (or undated): the row is then counted as row_outside_period. */
template <typename Accumulator>
Accumulator* route_row(const Context& context, std::int64_t day, std::uint64_t row, Accumulator& main, Accumulator& compare,
                       Accumulator& half) {
  if (context.filtering()) {
    const int route = day == no_time ? -1 : context.route(day);
    if (route < 0) {
      context.issues->skip(Reason::row_outside_period, row);
      return nullptr;
    }
    if (route == 1) return &compare;
  }
  return context.split(row) ? &half : &main;
}

class Processor {
 public:
  virtual ~Processor() = default;
  /** One data record (fields valid only during the call). */
  virtual void add(const std::string_view* fields, std::size_t count, std::uint64_t row) = 0;
  /** Writes metrics (and comparison when compare_to is set); called once, at the end. */
  virtual void report(nlohmann::json& metrics, nlohmann::json& comparison, nlohmann::json& extra) = 0;
  /** Records after reduction (event logs: one per id), for rows.records. */
  virtual std::uint64_t records() const = 0;
};

std::unique_ptr<Processor> make_ticket_processor(Context& context, bool event_log);
std::unique_ptr<Processor> make_survey_processor(Context& context);
std::unique_ptr<Processor> make_call_processor(Context& context);
std::unique_ptr<Processor> make_transaction_processor(Context& context);
std::unique_ptr<Processor> make_qa_processor(Context& context);
std::unique_ptr<Processor> make_table_processor(Context& context);
std::unique_ptr<Processor> make_aggregate_processor(Context& context);

}  // namespace skpi::analysis
