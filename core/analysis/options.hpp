// Options of a file analysis (spec/api.md `kpi.analysis(options)`), parsed and validated once:
// an invalid option gives an Error {code: "options.*", field, message} instead of a session.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/analysis/accumulators.hpp"
#include "core/analysis/roles.hpp"
#include "core/common/error.hpp"
#include "core/csv/reader.hpp"
#include "core/time/business_hours.hpp"
#include "core/time/parse.hpp"
#include "core/time/zone.hpp"

namespace skpi::analysis {

// aggregate: a report of figures already summed per agent / inbox / team / label (Chatwoot's report
// CSVs), not one row per ticket.
enum class Kind : std::uint8_t { automatic, tickets, survey, calls, transactions, qa, table, aggregate };
const char* kind_name(Kind kind);

enum class FcrDefinition : std::uint8_t { one_touch, one_reply, no_customer_follow_up, one_agent, within_minutes };
inline constexpr int fcr_definition_count = 5;
const char* fcr_definition_name(FcrDefinition definition);

enum class AbandonedTreatment : std::uint8_t { count, exclude, exclude_short };

/** Inclusive range of local days (day numbers since 1970-01-01 in the analysis time zone). */
struct DayRange {
  std::int64_t from = 0;
  std::int64_t to = 0;
  bool contains(std::int64_t day) const { return day >= from && day <= to; }
};

struct MappingEntry {
  Role role = Role::none;
  std::string column;   // header name as given
  int index = -1;       // or a 0-based column index
  double unit_seconds = 0;  // 0: take the unit from the role alias or the header
};

struct Options {
  Kind kind = Kind::automatic;
  std::vector<MappingEntry> mapping;
  csv::ReaderOptions reader;
  std::optional<time::DateOrder> date_order;  // dmy / mdy forced
  bool date_order_ymd = false;                // "ymd" given: year-first only, nothing to decide
  const time::Zone* zone = nullptr;           // analysis time zone (never null after parsing)
  std::string time_zone_name = "UTC";
  std::optional<time::BusinessHours> business_hours;
  std::string business_hours_zone_name;
  std::optional<DayRange> period;
  std::optional<DayRange> compare_to;
  bool compare_previous = false;
  std::optional<FcrDefinition> fcr_definition;
  double fcr_minutes = 15;
  std::optional<RatingScale> csat_scale;
  std::optional<int> csat_threshold;  // lowest satisfied value
  std::optional<RatingScale> ces_scale;
  double service_level_seconds = 20;
  AbandonedTreatment abandoned = AbandonedTreatment::count;
  double sla_first_response_seconds = 86400;
  double sla_resolution_seconds = 3 * 86400;
  std::string locale;
  int interval_minutes = 0;  // 0 = from the data (interval files) or 60
  int retention_months = 1;  // period length for churn/retention: 1, 3 or 12
  double gross_margin = 1;
  /** Testing aid: rows alternate between two accumulators that are merged before the report. The
   *  report must be the same as without it (merge == whole through the real add paths). */
  bool merge_check = false;
  std::vector<std::string> unknown_keys;
};

/** Accepts the options flat ({kind, time_zone, ...}) or with the settings nested under "options"
 *  as in spec/api.md ({kind, mapping, options: {time_zone}}); nested values win. */
std::pair<Options, std::optional<Error>> parse_options(const nlohmann::json& options);

}  // namespace skpi::analysis
