#include "core/analysis/options.hpp"

#include <algorithm>
#include <cctype>

namespace skpi::analysis {
namespace {

using nlohmann::json;

Error option_error(std::string code, std::string field, std::string message) {
  return Error{std::move(code), std::move(field), std::move(message), std::nullopt};
}

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

std::optional<double> number_of(const json& value) {
  if (value.is_number()) {
    const double number = value.get<double>();
    if (std::isfinite(number)) return number;
    return std::nullopt;
  }
  if (value.is_string()) {
    try {
      std::size_t used = 0;
      const std::string text = value.get<std::string>();
      const double number = std::stod(text, &used);
      if (used == text.size() && std::isfinite(number)) return number;
    } catch (...) {
    }
  }
  return std::nullopt;
}

std::optional<std::int64_t> day_of(const json& value) {
  if (!value.is_string()) return std::nullopt;
  std::string text = value.get<std::string>();
  if (text.size() > 10 && (text[10] == 'T' || text[10] == ' ')) text = text.substr(0, 10);
  const auto date = time::parse_civil_date(text);
  if (!date) return std::nullopt;
  return time::days_from_civil(*date);
}

std::optional<Error> parse_range(const json& value, const std::string& field, DayRange& out) {
  if (!value.is_object()) return option_error("options." + field + ".invalid", field, field + " must be {from, to} with dates as YYYY-MM-DD.");
  std::optional<std::int64_t> from, to;
  if (value.contains("from")) from = day_of(value["from"]);
  if (value.contains("to")) to = day_of(value["to"]);
  if (!from) return option_error("options." + field + ".invalid", field + ".from", field + ".from must be a date written YYYY-MM-DD.");
  if (!to) return option_error("options." + field + ".invalid", field + ".to", field + ".to must be a date written YYYY-MM-DD.");
  if (*to < *from) return option_error("options." + field + ".invalid", field, field + ".to is before " + field + ".from.");
  out = DayRange{*from, *to};
  return std::nullopt;
}

std::optional<RatingScale> scale_of(const json& value) {
  if (!value.is_string()) return std::nullopt;
  const std::string text = lower(value.get<std::string>());
  const std::size_t dash = text.find('-');
  if (dash == std::string::npos) return std::nullopt;
  try {
    const int low = std::stoi(text.substr(0, dash));
    const int high = std::stoi(text.substr(dash + 1));
    if ((low == 0 || low == 1) && high > low && high <= 10) return RatingScale{low, high};
  } catch (...) {
  }
  return std::nullopt;
}

// One interval "09:00-17:00", ["09:00", "17:00"] or {start, end} for `weekday`.
std::optional<Error> add_interval(const json& value, int weekday, const std::string& field, time::BusinessHours& hours) {
  std::optional<int> start, end;
  if (value.is_string()) {
    const std::string text = value.get<std::string>();
    const std::size_t dash = text.find('-');
    if (dash != std::string::npos) {
      start = time::parse_clock_minutes(text.substr(0, dash));
      end = time::parse_clock_minutes(text.substr(dash + 1));
    }
  } else if (value.is_array() && value.size() == 2 && value[0].is_string() && value[1].is_string()) {
    start = time::parse_clock_minutes(value[0].get<std::string>());
    end = time::parse_clock_minutes(value[1].get<std::string>());
  } else if (value.is_object()) {
    const json& from = value.contains("start") ? value["start"] : value.contains("from") ? value["from"] : json();
    const json& to = value.contains("end") ? value["end"] : value.contains("to") ? value["to"] : json();
    if (from.is_string()) start = time::parse_clock_minutes(from.get<std::string>());
    if (to.is_string()) end = time::parse_clock_minutes(to.get<std::string>());
  }
  if (!start || !end) {
    return option_error("options.business_hours.invalid_interval", field,
                        "A business-hours interval must be written \"09:00-17:00\", [\"09:00\", \"17:00\"] or {start, end}.");
  }
  hours.intervals.push_back(time::WeeklyInterval{weekday, *start, *end});
  return std::nullopt;
}

std::optional<Error> parse_business_hours(const json& value, Options& options) {
  const std::string base = "business_hours";
  if (!value.is_object()) return option_error("options.business_hours.invalid", base, "business_hours must be an object.");
  time::BusinessHours hours;
  hours.zone = options.zone;
  options.business_hours_zone_name = options.time_zone_name;
  for (const char* key : {"time_zone", "timezone", "zone"}) {
    if (value.contains(key)) {
      if (!value[key].is_string()) return option_error("options.business_hours.unknown_time_zone", base + "." + key, "The time zone must be an IANA name.");
      const std::string name = value[key].get<std::string>();
      const time::Zone* zone = time::find_zone(name);
      if (!zone) return option_error("options.business_hours.unknown_time_zone", base + "." + key, "Unknown time zone \"" + name + "\" (use an IANA name such as Europe/Tallinn).");
      hours.zone = zone;
      options.business_hours_zone_name = name;
    }
  }
  if (value.contains("intervals")) {
    const json& intervals = value["intervals"];
    if (!intervals.is_array()) return option_error("options.business_hours.invalid_interval", base + ".intervals", "intervals must be a list.");
    for (std::size_t i = 0; i < intervals.size(); ++i) {
      const std::string field = base + ".intervals[" + std::to_string(i) + "]";
      const json& item = intervals[i];
      if (!item.is_object()) return option_error("options.business_hours.invalid_interval", field, "Each interval is {day, start, end}.");
      const json& day = item.contains("day") ? item["day"] : item.contains("weekday") ? item["weekday"] : json();
      std::optional<int> weekday;
      if (day.is_string()) weekday = time::parse_weekday(day.get<std::string>());
      if (day.is_number_integer()) {
        const int number = day.get<int>();
        if (number >= 0 && number <= 6) weekday = number;
      }
      if (!weekday) return option_error("options.business_hours.invalid_interval", field + ".day", "day must be a weekday name (mon..sun) or 0..6 with 0 = Monday.");
      if (auto error = add_interval(item, *weekday, field, hours)) return error;
    }
  }
  for (const char* key : {"weekly", "schedule", "week", "days"}) {
    if (!value.contains(key)) continue;
    const json& week = value[key];
    if (week.is_object()) {
      for (const auto& [name, spans] : week.items()) {
        const auto weekday = time::parse_weekday(name);
        const std::string field = base + "." + key + "." + name;
        if (!weekday) return option_error("options.business_hours.invalid_interval", field, "\"" + name + "\" is not a weekday.");
        if (spans.is_array() && !(spans.size() == 2 && spans[0].is_string() && spans[1].is_string() &&
                                  spans[0].get<std::string>().find('-') == std::string::npos)) {
          for (std::size_t i = 0; i < spans.size(); ++i) {
            if (auto error = add_interval(spans[i], *weekday, field + "[" + std::to_string(i) + "]", hours)) return error;
          }
        } else if (!spans.is_null()) {
          if (auto error = add_interval(spans, *weekday, field, hours)) return error;
        }
      }
    } else if (week.is_array() && value.contains("start") && value.contains("end")) {
      // {days: ["mon", ...], start: "09:00", end: "17:00"}
      for (std::size_t i = 0; i < week.size(); ++i) {
        const auto weekday = week[i].is_string() ? time::parse_weekday(week[i].get<std::string>()) : std::nullopt;
        if (!weekday) return option_error("options.business_hours.invalid_interval", base + "." + key + "[" + std::to_string(i) + "]", "Not a weekday.");
        if (auto error = add_interval(value, *weekday, base, hours)) return error;
      }
    } else {
      return option_error("options.business_hours.invalid_interval", base + "." + key, "The weekly schedule must map weekdays to intervals.");
    }
  }
  if (value.contains("holidays")) {
    const json& holidays = value["holidays"];
    if (!holidays.is_array()) return option_error("options.business_hours.invalid_holiday", base + ".holidays", "holidays must be a list of dates YYYY-MM-DD.");
    for (std::size_t i = 0; i < holidays.size(); ++i) {
      const auto date = holidays[i].is_string() ? time::parse_civil_date(holidays[i].get<std::string>()) : std::nullopt;
      if (!date) return option_error("options.business_hours.invalid_holiday", base + ".holidays[" + std::to_string(i) + "]", "A holiday must be a date written YYYY-MM-DD.");
      hours.holidays.push_back(*date);
    }
  }
  if (auto problem = time::validate_business_hours(hours)) {
    return option_error(problem->code, problem->field.empty() ? base : problem->field, problem->message);
  }
  options.business_hours = std::move(hours);
  return std::nullopt;
}

std::optional<Error> parse_mapping(const json& value, Options& options) {
  if (value.is_null()) return std::nullopt;
  if (!value.is_object()) return option_error("options.mapping.invalid", "mapping", "mapping must be an object {role: column name}.");
  for (const auto& [name, column] : value.items()) {
    double unit = 0;
    const auto role = role_from_name(name, &unit);
    if (!role) return option_error("options.mapping.unknown_role", "mapping." + name, "\"" + name + "\" is not a known role.");
    MappingEntry entry;
    entry.role = *role;
    entry.unit_seconds = unit;
    if (column.is_null()) continue;  // {role: null} asks for no column
    if (column.is_string()) {
      entry.column = column.get<std::string>();
    } else if (column.is_number_integer() && column.get<int>() >= 0) {
      entry.index = column.get<int>();
    } else if (column.is_object() && column.contains("column")) {
      if (column["column"].is_string()) entry.column = column["column"].get<std::string>();
      else if (column["column"].is_number_integer()) entry.index = column["column"].get<int>();
      if (column.contains("unit") && column["unit"].is_string()) {
        const std::string unit_name = lower(column["unit"].get<std::string>());
        if (unit_name == "seconds" || unit_name == "s") entry.unit_seconds = 1;
        else if (unit_name == "minutes" || unit_name == "min") entry.unit_seconds = 60;
        else if (unit_name == "hours" || unit_name == "h") entry.unit_seconds = 3600;
        else if (unit_name == "days" || unit_name == "d") entry.unit_seconds = 86400;
        else return option_error("options.mapping.invalid", "mapping." + name + ".unit", "unit must be seconds, minutes, hours or days.");
      }
    } else {
      return option_error("options.mapping.invalid", "mapping." + name, "A mapping value is a column name, a 0-based column index or {column, unit}.");
    }
    if (entry.column.empty() && entry.index < 0) return option_error("options.mapping.invalid", "mapping." + name, "The column name is empty.");
    options.mapping.push_back(entry);
  }
  return std::nullopt;
}

}  // namespace

const char* kind_name(Kind kind) {
  switch (kind) {
    case Kind::automatic: return "auto";
    case Kind::tickets: return "tickets";
    case Kind::survey: return "survey";
    case Kind::calls: return "calls";
    case Kind::transactions: return "transactions";
    case Kind::qa: return "qa";
    case Kind::aggregate: return "aggregate";
    case Kind::table: return "table";
  }
  return "auto";
}

const char* fcr_definition_name(FcrDefinition definition) {
  switch (definition) {
    case FcrDefinition::one_touch: return "one_touch";
    case FcrDefinition::one_reply: return "one_reply";
    case FcrDefinition::no_customer_follow_up: return "no_customer_follow_up";
    case FcrDefinition::one_agent: return "one_agent";
    case FcrDefinition::within_minutes: return "within_minutes";
  }
  return "one_touch";
}

std::pair<Options, std::optional<Error>> parse_options(const json& input) {
  Options options;
  options.zone = &time::utc_zone();
  json merged = json::object();
  if (input.is_object()) {
    for (const auto& [key, value] : input.items()) {
      if (key != "options") merged[key] = value;
    }
    if (input.contains("options") && input["options"].is_object()) {
      for (const auto& [key, value] : input["options"].items()) merged[key] = value;
    }
  } else if (!input.is_null()) {
    return {options, option_error("options.invalid", "", "The options must be an object.")};
  }
  auto fail = [&](Error error) { return std::make_pair(options, std::optional<Error>(std::move(error))); };
  auto text = [&](const char* key) -> std::optional<std::string> {
    if (!merged.contains(key) || merged[key].is_null()) return std::nullopt;
    if (merged[key].is_string()) return merged[key].get<std::string>();
    return std::string("\x01");  // not a string: caller reports it
  };

  static const char* known[] = {"kind", "mapping", "delimiter", "decimal", "encoding", "date_order", "time_zone",
                                "business_hours", "period", "compare_to", "fcr_definition", "fcr_minutes", "csat_scale",
                                "csat_threshold", "ces_scale", "service_level_seconds", "service_level_abandoned",
                                "sla", "sla_first_response_seconds", "sla_resolution_seconds", "locale", "interval_minutes",
                                "retention_period", "gross_margin", "header", "sniff_bytes", "merge_check"};
  for (const auto& item : merged.items()) {
    const std::string key = item.key();
    if (std::find_if(std::begin(known), std::end(known), [&key](const char* name) { return key == name; }) == std::end(known))
      options.unknown_keys.push_back(key);
  }

  if (auto kind = text("kind")) {
    const std::string name = lower(*kind);
    if (name == "auto") options.kind = Kind::automatic;
    else if (name == "tickets" || name == "ticket") options.kind = Kind::tickets;
    else if (name == "survey" || name == "surveys") options.kind = Kind::survey;
    else if (name == "calls" || name == "call") options.kind = Kind::calls;
    else if (name == "transactions" || name == "transaction") options.kind = Kind::transactions;
    else if (name == "qa" || name == "qa_reviews" || name == "reviews") options.kind = Kind::qa;
    else if (name == "table") options.kind = Kind::table;
    else if (name == "aggregate" || name == "report") options.kind = Kind::aggregate;
    else return fail(option_error("options.kind.unknown", "kind", "kind must be auto, tickets, survey, calls, transactions, qa or aggregate."));
  }
  if (merged.contains("mapping")) {
    if (auto error = parse_mapping(merged["mapping"], options)) return fail(*error);
  }
  if (auto delimiter = text("delimiter")) {
    if (*delimiter == "\x01" || delimiter->empty()) return fail(option_error("options.delimiter.invalid", "delimiter", "delimiter must be auto, \",\", \";\", \"\\t\", \"|\" or \"space\"."));
    options.reader.delimiter = *delimiter;
  }
  if (auto encoding = text("encoding")) {
    if (*encoding == "\x01") return fail(option_error("options.encoding.invalid", "encoding", "encoding must be a name such as utf-8."));
    if (lower(*encoding) != "auto" && !csv::encoding_from_name(*encoding)) {
      return fail(option_error("options.encoding.unknown", "encoding", "Unknown encoding \"" + *encoding + "\" (utf-8, utf-16le, utf-16be, windows-1252, windows-1250, windows-1254, windows-1256, windows-1257)."));
    }
    options.reader.encoding = *encoding;
  }
  if (auto decimal = text("decimal")) {
    if (*decimal == "," || lower(*decimal) == "comma") options.reader.decimal = ',';
    else if (*decimal == "." || lower(*decimal) == "point" || lower(*decimal) == "dot") options.reader.decimal = '.';
    else if (lower(*decimal) != "auto") return fail(option_error("options.decimal.invalid", "decimal", "decimal must be \",\", \".\" or auto."));
  }
  if (merged.contains("merge_check") && merged["merge_check"].is_boolean()) options.merge_check = merged["merge_check"].get<bool>();
  if (merged.contains("header") && merged["header"].is_boolean()) options.reader.header_row = merged["header"].get<bool>() ? -2 : -1;
  if (merged.contains("sniff_bytes") && merged["sniff_bytes"].is_number_unsigned()) options.reader.sniff_bytes = merged["sniff_bytes"].get<std::size_t>();
  if (auto order = text("date_order")) {
    const std::string name = lower(*order);
    if (name == "dmy" || name == "day_first") options.date_order = time::DateOrder::day_first;
    else if (name == "mdy" || name == "month_first") options.date_order = time::DateOrder::month_first;
    else if (name == "ymd") options.date_order_ymd = true;
    else if (name != "auto") return fail(option_error("options.date_order.invalid", "date_order", "date_order must be ymd, dmy, mdy or auto."));
  }
  if (auto zone_name = text("time_zone")) {
    const time::Zone* zone = *zone_name == "\x01" ? nullptr : time::find_zone(*zone_name);
    if (!zone) return fail(option_error("options.time_zone.unknown", "time_zone", "Unknown time zone \"" + (*zone_name == "\x01" ? std::string() : *zone_name) + "\" (use an IANA name such as Europe/Tallinn)."));
    options.zone = zone;
    options.time_zone_name = *zone_name;
  }
  if (auto locale = text("locale")) options.locale = *locale == "\x01" ? "" : *locale;
  if (merged.contains("business_hours") && !merged["business_hours"].is_null()) {
    if (auto error = parse_business_hours(merged["business_hours"], options)) return fail(*error);
  }
  if (merged.contains("period") && !merged["period"].is_null()) {
    DayRange range;
    if (auto error = parse_range(merged["period"], "period", range)) return fail(*error);
    options.period = range;
  }
  if (merged.contains("compare_to") && !merged["compare_to"].is_null()) {
    const json& compare = merged["compare_to"];
    if (compare.is_string() && lower(compare.get<std::string>()) == "previous") {
      if (!options.period) return fail(option_error("options.compare_to.needs_period", "compare_to", "compare_to \"previous\" needs a period {from, to}."));
      const std::int64_t length = options.period->to - options.period->from + 1;
      options.compare_to = DayRange{options.period->from - length, options.period->from - 1};
      options.compare_previous = true;
    } else {
      DayRange range;
      if (auto error = parse_range(compare, "compare_to", range)) return fail(*error);
      options.compare_to = range;
    }
  }
  if (auto definition = text("fcr_definition")) {
    const std::string name = lower(*definition);
    bool found = false;
    for (int i = 0; i < fcr_definition_count; ++i) {
      if (name == fcr_definition_name(static_cast<FcrDefinition>(i))) {
        options.fcr_definition = static_cast<FcrDefinition>(i);
        found = true;
      }
    }
    if (!found) return fail(option_error("options.fcr_definition.unknown", "fcr_definition", "fcr_definition must be one_touch, one_reply, no_customer_follow_up, one_agent or within_minutes."));
  }
  auto positive = [&](const char* key, double& out, double max) -> std::optional<Error> {
    if (!merged.contains(key) || merged[key].is_null()) return std::nullopt;
    const auto number = number_of(merged[key]);
    if (!number || *number < 0 || *number > max) return option_error(std::string("options.") + key + ".invalid", key, std::string(key) + " must be a number from 0 to " + std::to_string(static_cast<long long>(max)) + ".");
    out = *number;
    return std::nullopt;
  };
  if (auto error = positive("fcr_minutes", options.fcr_minutes, 1e7)) return fail(*error);
  if (auto error = positive("service_level_seconds", options.service_level_seconds, 1e7)) return fail(*error);
  if (auto error = positive("sla_first_response_seconds", options.sla_first_response_seconds, 1e9)) return fail(*error);
  if (auto error = positive("sla_resolution_seconds", options.sla_resolution_seconds, 1e9)) return fail(*error);
  if (auto error = positive("gross_margin", options.gross_margin, 1)) return fail(*error);
  if (merged.contains("sla") && merged["sla"].is_object()) {
    const json& sla = merged["sla"];
    for (const auto& [key, target] : sla.items()) {
      const auto number = number_of(target);
      if (!number || *number < 0) return fail(option_error("options.sla.invalid", "sla." + key, "SLA targets are seconds >= 0."));
      if (key == "first_response_seconds" || key == "first_response") options.sla_first_response_seconds = *number;
      else if (key == "resolution_seconds" || key == "resolution") options.sla_resolution_seconds = *number;
      else return fail(option_error("options.sla.invalid", "sla." + key, "sla takes first_response_seconds and resolution_seconds."));
    }
  }
  if (merged.contains("csat_scale") && !merged["csat_scale"].is_null()) {
    options.csat_scale = scale_of(merged["csat_scale"]);
    if (!options.csat_scale) return fail(option_error("options.csat_scale.invalid", "csat_scale", "csat_scale must be 1-3, 1-5, 1-7 or 1-10."));
  }
  if (merged.contains("ces_scale") && !merged["ces_scale"].is_null()) {
    options.ces_scale = scale_of(merged["ces_scale"]);
    if (!options.ces_scale) return fail(option_error("options.ces_scale.invalid", "ces_scale", "ces_scale must be 1-5 or 1-7."));
  }
  if (merged.contains("csat_threshold") && !merged["csat_threshold"].is_null()) {
    const auto number = number_of(merged["csat_threshold"]);
    if (!number || *number < 0 || *number > 10 || std::nearbyint(*number) != *number) return fail(option_error("options.csat_threshold.invalid", "csat_threshold", "csat_threshold is the lowest satisfied rating, a whole number."));
    options.csat_threshold = static_cast<int>(*number);
  }
  if (auto treatment = text("service_level_abandoned")) {
    const std::string name = lower(*treatment);
    if (name == "count") options.abandoned = AbandonedTreatment::count;
    else if (name == "exclude") options.abandoned = AbandonedTreatment::exclude;
    else if (name == "exclude_short") options.abandoned = AbandonedTreatment::exclude_short;
    else return fail(option_error("options.service_level_abandoned.invalid", "service_level_abandoned", "service_level_abandoned must be count, exclude or exclude_short."));
  }
  if (merged.contains("interval_minutes") && !merged["interval_minutes"].is_null()) {
    const auto number = number_of(merged["interval_minutes"]);
    if (!number || *number < 1 || *number > 1440 || 1440 % static_cast<int>(*number) != 0) return fail(option_error("options.interval_minutes.invalid", "interval_minutes", "interval_minutes must divide a day (15, 30, 60, ...)."));
    options.interval_minutes = static_cast<int>(*number);
  }
  if (auto period = text("retention_period")) {
    const std::string name = lower(*period);
    if (name == "month") options.retention_months = 1;
    else if (name == "quarter") options.retention_months = 3;
    else if (name == "year") options.retention_months = 12;
    else return fail(option_error("options.retention_period.invalid", "retention_period", "retention_period must be month, quarter or year."));
  }
  return {options, std::nullopt};
}

}  // namespace skpi::analysis
