#include "core/analysis/session.hpp"

#include <algorithm>
#include <exception>
#include <new>
#include <string>
#include <vector>

#include "core/analysis/kinds.hpp"
#include "core/analysis/mapper.hpp"
#include "core/analysis/options.hpp"
#include "core/analysis/report.hpp"
#include "core/analysis/values.hpp"
#include "core/csv/reader.hpp"
#include "core/csv/sniff.hpp"

namespace skpi::analysis {

namespace {

// The sample decides the mapping: enough rows to judge the values, small enough to replay at once.
// 300 rather than the 1,000 it once was: the mapping, kind and figures of every test and real file
// stay the same, and in a browser or Node the profiling of a longer sample runs long enough for V8
// to optimise that run-once code in the background, competing with the file's hot loop for the
// compiler threads and the CPU (about 0.2 s on a 2-core machine).
constexpr std::size_t sample_rows = 300;
constexpr std::size_t sample_bytes = std::size_t{4} << 20;
// While dd/mm vs mm/dd is undecided the sample may grow to this before a default is taken.
constexpr std::size_t extended_sample_rows = 200000;
constexpr std::size_t extended_sample_bytes = std::size_t{24} << 20;

bool is_timestamp_role(Role role) { return role_value_type(role) == ValueType::timestamp; }

std::string delimiter_text(const csv::Dialect& dialect) {
  if (dialect.whitespace_delimited) return " ";
  return std::string(1, dialect.delimiter);
}

}  // namespace

struct Session::State final : csv::RecordSink {
  enum class Phase { sampling, extending, streaming, failed };

  Options options;
  std::optional<Error> options_error;
  std::optional<Error> mapping_error;
  std::string internal_error_code, internal_error_message;
  csv::StreamReader reader;
  csv::Dialect dialect;
  Phase phase = Phase::sampling;
  Sample sample;
  std::vector<ColumnProfile> profiles;
  Mapping mapping;
  Issues issues;
  Context context;
  std::unique_ptr<Processor> processor;
  bool event_log = false;

  time::DateOrderDetector order_detector;
  std::vector<int> order_columns;
  time::DateOrder date_order = time::DateOrder::day_first;
  std::string date_order_source;
  std::string date_order_evidence;
  bool date_order_ambiguous = false;

  std::uint64_t records_seen = 0;
  std::uint64_t short_rows = 0;
  std::uint64_t long_rows_kept = 0;
  bool first_record_seen = false;
  std::size_t expected_fields = 0;
  bool finished = false;

  explicit State(const nlohmann::json& json_options) : State(parse_options(json_options)) {}
  explicit State(std::pair<Options, std::optional<Error>> parsed)
      : options(std::move(parsed.first)),
        options_error(std::move(parsed.second)),
        reader(options_error ? csv::ReaderOptions{} : options.reader) {
    if (!options.zone) options.zone = &time::utc_zone();
    context.options = &options;
    context.mapping = &mapping;
    context.issues = &issues;
  }

  // ------------------------------------------------------------------------------ RecordSink

  void on_dialect(const csv::Dialect& detected) override {
    dialect = detected;
    context.decimal = detected.decimal;
  }

  void on_header(const std::vector<std::string>& names) override {
    sample.names = names;
    sample.has_header = reader.dialect().header_row >= 0;
    dialect = reader.dialect();
    context.decimal = dialect.decimal;
  }

  void on_record(const std::string_view* fields, std::size_t count, std::uint64_t row) override {
    ++records_seen;
    if (phase == Phase::streaming) {
      process(fields, count, row);
      return;
    }
    if (phase == Phase::failed) return;
    if (records_seen <= 2 && sample.has_header && header_line(fields, count, row)) return;
    sample.add(fields, count, row);
    if (phase == Phase::extending) {
      for (int column : order_columns) {
        if (static_cast<std::size_t>(column) < count) order_detector.observe(trim(fields[column]));
      }
      if (order_detector.decided() || sample.records() >= extended_sample_rows || sample.text.size() >= extended_sample_bytes) start_streaming();
      return;
    }
    if (sample.records() >= sample_rows || sample.text.size() >= sample_bytes) {
      plan(false);
      if (phase == Phase::sampling) start_streaming();
    }
  }

  // Lines right below the header that belong to it (Qualtrics writes three header rows: the short
  // ids StartDate, ..., Q1, Q2; the question texts; and {"ImportId":...} JSON). The question texts
  // are kept as column labels for the mapping; both lines are counted as not records, never read as
  // data. A first line is a line of labels when it repeats at least three of the header's names in
  // their columns (Qualtrics: Progress, Duration (in seconds), Finished) or when an import-id line
  // follows it.
  std::size_t header_lines = 0;

  bool repeats_header(const std::string_view* fields, std::size_t count) const {
    std::size_t same = 0, filled = 0;
    for (std::size_t c = 0; c < count && c < sample.names.size(); ++c) {
      const std::string_view value = trim(fields[c]);
      if (value.empty()) continue;
      ++filled;
      const std::string normal = normalize_header(value);
      if (!normal.empty() && normal == normalize_header(sample.names[c])) ++same;
    }
    return same >= 3 && same * 4 >= filled;
  }

  void keep_labels(const std::string_view* fields, std::size_t count) {
    sample.labels.assign(sample.names.size(), std::string());
    for (std::size_t c = 0; c < count && c < sample.labels.size(); ++c) sample.labels[c] = std::string(trim(fields[c]));
  }

  bool header_line(const std::string_view* fields, std::size_t count, std::uint64_t row) {
    if (csv::is_import_id_line(fields, count)) {
      // The line before it, when it was taken for the first record, is the line of labels.
      if (records_seen == 2 && sample.labels.empty() && sample.records() == 1) {
        std::vector<std::string> first;
        for (std::size_t c = 0; c < sample.fields_in(0); ++c) first.emplace_back(sample.field(0, c));
        const std::uint64_t first_row = sample.row_numbers[0];
        sample.clear();
        std::vector<std::string_view> views(first.begin(), first.end());
        keep_labels(views.data(), views.size());
        issues.skip_header_line(first_row);
        ++header_lines;
      }
      issues.skip_header_line(row);
      ++header_lines;
      return true;
    }
    if (records_seen == 1 && repeats_header(fields, count)) {
      keep_labels(fields, count);
      issues.skip_header_line(row);
      ++header_lines;
      return true;
    }
    return false;
  }

  // ----------------------------------------------------------------------------------- phases

  void plan(bool at_end) {
    profiles = profile_columns(sample, context.decimal);
    if (auto error = map_columns(sample, profiles, options, mapping)) {
      mapping_error = std::move(error);
      phase = Phase::failed;
      sample.clear();
      return;
    }
    choose_kind(profiles, options, mapping);

    // dd/mm or mm/dd: evidence from every mapped timestamp column.
    for (std::size_t c = 0; c < mapping.columns.size(); ++c) {
      if (is_timestamp_role(mapping.columns[c].role)) order_columns.push_back(static_cast<int>(c));
    }
    observe_date_order();
    if (!at_end && !options.date_order && !options.date_order_ymd && !order_detector.decided() && order_detector.ambiguous() &&
        !order_detector.only_dotted_ambiguity()) {
      phase = Phase::extending;
    }
  }

  void decide_date_order() {
    if (options.date_order) {
      date_order = *options.date_order;
      date_order_source = "option";
      return;
    }
    if (order_detector.decided()) {
      date_order = order_detector.order();
      date_order_source = "data";
      date_order_evidence = std::string(order_detector.deciding_value());
      if (order_detector.conflicting()) {
        context.warnings.push_back("Some dates read day-first and others month-first; the majority (" +
                                   std::string(date_order == time::DateOrder::day_first ? "day-first" : "month-first") + ") was used.");
      }
      return;
    }
    if (order_detector.only_dotted_ambiguity()) {
      date_order = time::DateOrder::day_first;
      date_order_source = "convention (dd.mm.yyyy)";
      return;
    }
    date_order = time::default_date_order(options.locale);
    if (order_detector.ambiguous()) {
      date_order_ambiguous = true;
      date_order_source = options.locale.empty() ? "default" : "locale";
      context.warnings.push_back(std::string("Every date in the file could be read day-first or month-first; they were read ") +
                                 (date_order == time::DateOrder::day_first ? "day-first (dd/mm/yyyy)" : "month-first (mm/dd/yyyy)") +
                                 ". Set the date_order option if this is wrong.");
    } else {
      date_order_source = "none needed";
    }
  }

  void start_streaming() {
    decide_date_order();
    // Timestamp readers with a format fixed from the first value of each column.
    for (std::size_t c = 0; c < mapping.columns.size(); ++c) {
      const Role role = mapping.columns[c].role;
      if (!is_timestamp_role(role)) continue;
      const ColumnProfile* profile = c < profiles.size() ? &profiles[c] : nullptr;
      time::TimestampFormat format;
      // Six-digit YYMMDD before the numeric kinds: "050315" would otherwise pass for an Excel serial.
      const bool six_digit = profile && six_digit_date_column(*profile);
      if (six_digit) {
        format = time::format_of_kind(time::TimestampKind::compact_ymd, date_order);
      } else if (profile && profile->values > 0 && profile->numbers == profile->values && profile->numeric_time.kind != time::TimestampKind::invalid) {
        format = time::format_of_kind(profile->numeric_time.kind, date_order);
      } else if (profile && !profile->first_value.empty()) {
        format = time::detect_format(profile->first_value, date_order);
      }
      context.times[static_cast<std::size_t>(role)] = TimeColumn(static_cast<int>(c), format, date_order, *options.zone);
      if (six_digit) {
        context.times[static_cast<std::size_t>(role)].read_six_digit_dates();
        if (mapping.columns[c].note.empty()) mapping.columns[c].note = "six-digit dates read as YYMMDD";
      } else if (profile && profile->month_names > 0 && mapping.columns[c].note.empty()) {
        mapping.columns[c].note = "dates with month names, read day first (e.g. \"" + profile->first_value.substr(0, 40) + "\")";
      }
    }
    if (options.business_hours) context.calendar = std::make_unique<time::BusinessCalendar>(*options.business_hours);

    // Calls: arrivals per interval (the spacing of interval files, else the option or an hour).
    const int date_column = first_of({Role::created_at, Role::date, Role::answered_at, Role::ended_at});
    if (date_column >= 0) {
      const time::TimestampFormat& format = context.times[static_cast<std::size_t>(mapping.columns[static_cast<std::size_t>(date_column)].role)].format();
      context.dates_only = format.kind != time::TimestampKind::unix_seconds && format.kind != time::TimestampKind::unix_millis &&
                           format.kind != time::TimestampKind::excel_serial && format.kind != time::TimestampKind::invalid &&
                           format.length != 0 && format.hour.digits == 0;
      if (format.kind == time::TimestampKind::compact_ymd) context.dates_only = true;
    }
    if (mapping.has(Role::time_of_day)) context.dates_only = false;
    context.interval_seconds = options.interval_minutes > 0 ? options.interval_minutes * 60 : (context.dates_only ? 86400 : detect_interval(date_column));

    // QA scores on 0-1, 1-5 or 1-10 scales become 0-100.
    if (mapping.has(Role::score)) {
      const ColumnProfile& profile = profiles[static_cast<std::size_t>(mapping.column(Role::score))];
      if (profile.any_number) {
        if (profile.max <= 1) context.score_scale_factor = 100;
        else if (profile.max <= 5 && profile.min >= 1) { context.score_scale_factor = 25; context.score_scale_offset = -25; }
        else if (profile.max <= 10) context.score_scale_factor = 10;
      }
    }

    // Several rows per ticket id in the sample: an event log, reduced to one record per id.
    const int id_column = mapping.column(Role::ticket_id);
    // (Only when the column still looks like identifiers: a handful of values repeated all over is a
    // mis-mapped count, and reducing on it would merge unrelated tickets.)
    if (mapping.kind == Kind::tickets && id_column >= 0 && static_cast<std::size_t>(id_column) < profiles.size()) {
      const ColumnProfile& ids = profiles[static_cast<std::size_t>(id_column)];
      event_log = ids.repeated > 0 && (ids.distinct_overflow || ids.distinct * 20 >= ids.values);
      // One row per message part (an author-type column, as in Intercom's export): always grouped,
      // even when the sample happens to hold one part per conversation.
      if (mapping.has(Role::author_type)) {
        event_log = true;
        mapping.kind_reason += "; one row per message part (\"" + mapping.columns[static_cast<std::size_t>(mapping.column(Role::author_type))].name +
                               "\"), grouped by \"" + mapping.columns[static_cast<std::size_t>(id_column)].name + "\"";
      }
      if (ids.repeated > 0 && !event_log) {
        context.warnings.push_back("The id column \"" + mapping.columns[static_cast<std::size_t>(id_column)].name +
                                   "\" repeats a few values only; rows were not grouped by it.");
      }
    }

    for (const std::vector<std::string>& line : reader.dialect().preamble) {
      std::string text;
      for (const std::string& field : line) {
        if (field.empty()) continue;
        if (!text.empty()) text += ' ';
        text += field;
      }
      if (!text.empty()) context.preamble.push_back(text);
    }
    switch (mapping.kind) {
      case Kind::tickets: processor = make_ticket_processor(context, event_log); break;
      case Kind::survey: processor = make_survey_processor(context); break;
      case Kind::calls: processor = make_call_processor(context); break;
      case Kind::transactions: processor = make_transaction_processor(context); break;
      case Kind::qa: processor = make_qa_processor(context); break;
      case Kind::aggregate: processor = make_aggregate_processor(context); break;
      default: processor = make_table_processor(context); break;
    }
    expected_fields = std::max(reader.expected_fields(), sample.names.size());
    phase = Phase::streaming;
    replay_sample();
    sample.clear();
  }

  // The sample's loops live in small functions of their own, out of line: V8 optimises a wasm
  // function as a whole once its loops have run long enough, and these loops inside plan() and
  // start_streaming() made it compile those big run-once functions in the background while the
  // file's hot loop waited for the same compiler threads.
  [[gnu::noinline]] void observe_date_order() {
    for (std::size_t r = 0; r < sample.records(); ++r) {
      for (int column : order_columns) order_detector.observe(trim(sample.field(r, static_cast<std::size_t>(column))));
    }
  }

  [[gnu::noinline]] void replay_sample() {
    std::vector<std::string_view> fields;
    for (std::size_t r = 0; r < sample.records(); ++r) {
      const std::size_t count = sample.fields_in(r);
      fields.resize(count);
      for (std::size_t c = 0; c < count; ++c) fields[c] = sample.field(r, c);
      process(fields.data(), count, sample.row_numbers[r]);
    }
  }

  int first_of(std::initializer_list<Role> roles) const {
    for (Role role : roles) {
      if (mapping.has(role)) return mapping.column(role);
    }
    return -1;
  }

  // The most common positive gap between consecutive timestamps of the sample, when the file counts
  // contacts per interval; per-call files use an hour.
  int detect_interval(int column) {
    if (column < 0 || !mapping.has(Role::calls)) return 3600;
    TimeColumn reader_column = context.times[static_cast<std::size_t>(mapping.columns[static_cast<std::size_t>(column)].role)];
    std::vector<std::int64_t> gaps;
    std::int64_t previous = no_time;
    for (std::size_t r = 0; r < sample.records(); ++r) {
      std::int64_t value = 0;
      if (reader_column.read(sample.field(r, static_cast<std::size_t>(column)), value) != Read::ok) continue;
      if (previous != no_time && value > previous) gaps.push_back((value - previous) / 1000);
      previous = value;
    }
    if (gaps.empty()) return 3600;
    std::sort(gaps.begin(), gaps.end());
    std::int64_t best = gaps[0], best_count = 0;
    for (std::size_t i = 0; i < gaps.size();) {
      std::size_t j = i;
      while (j < gaps.size() && gaps[j] == gaps[i]) ++j;
      if (static_cast<std::int64_t>(j - i) > best_count) {
        best_count = static_cast<std::int64_t>(j - i);
        best = gaps[i];
      }
      i = j;
    }
    if (best < 60 || best > 86400 || 86400 % best != 0) return 3600;
    return static_cast<int>(best);
  }

  // Lines of a table that are not records: a report footer in the first column only (Salesforce's
  // "Grand Totals (14 records)", copyright and "Generated By" lines) and, right below the header, a
  // second header line of answer-type words (SurveyMonkey's "Response", "Open-Ended Response").
  bool not_data(const std::string_view* fields, std::size_t count) {
    if (expected_fields < 3) return false;
    const bool first = !first_record_seen;
    first_record_seen = true;
    std::size_t filled = 0, subheader = 0;
    for (std::size_t c = 0; c < count; ++c) {
      const std::string_view value = trim(fields[c]);
      if (value.empty()) continue;
      ++filled;
      subheader += subheader_word(value);
    }
    if (count < expected_fields && filled == 1 && !trim(fields[0]).empty()) return true;
    return first && filled > 0 && subheader == filled;
  }

  void process(const std::string_view* fields, std::size_t count, std::uint64_t row) {
    // Only short rows and the first record are looked at: the per-row path stays as it was.
    if ((count < expected_fields || !first_record_seen) && not_data(fields, count)) {
      issues.skip(Reason::row_not_data, row);
      return;
    }
    if (count != expected_fields && expected_fields > 0) {
      if (count > expected_fields) {
        bool extra_empty = true;
        for (std::size_t c = expected_fields; c < count && extra_empty; ++c) extra_empty = trim(fields[c]).empty();
        if (!extra_empty) {
          issues.skip(Reason::row_ragged, row);
          return;
        }
        ++long_rows_kept;
      } else {
        ++short_rows;
      }
    }
    processor->add(fields, count, row);
  }

  // ---------------------------------------------------------------------------------- report

  static nlohmann::json error_json(const std::string& code, const std::string& message, const std::string& field = "",
                                   std::uint64_t row = 0) {
    nlohmann::json error{{"code", code}, {"message", message}};
    if (!field.empty()) error["field"] = field;
    if (row) error["row"] = row;
    return nlohmann::json{{"ok", false}, {"error", error}};
  }

  nlohmann::json build_report() {
    if (options_error) return error_json(options_error->code, options_error->message, options_error->field.empty() ? "options" : options_error->field);
    if (!internal_error_code.empty()) return error_json(internal_error_code, internal_error_message);
    if (reader.failed()) {
      const auto error = reader.error();
      return error_json(error ? error->code : "csv.unreadable", error ? error->message : "The file cannot be read as a table.", "", error ? error->row : 0);
    }
    if (mapping_error) return error_json(mapping_error->code, mapping_error->message, mapping_error->field);
    if (!processor) return error_json("csv.empty", "The file holds no table to analyse.");

    nlohmann::json report = nlohmann::json::object();
    report["ok"] = true;
    report["kind"] = kind_name(mapping.kind);
    report["kind_reason"] = mapping.kind_reason;

    nlohmann::json metrics = nlohmann::json::object();
    nlohmann::json comparison = nlohmann::json::object();
    nlohmann::json extra = nlohmann::json::object();
    processor->report(metrics, comparison, extra);

    // rows
    nlohmann::json reasons = nlohmann::json::object();
    nlohmann::json cell_issues = nlohmann::json::object();
    for (std::size_t r = 0; r < reason_count; ++r) {
      const auto reason = static_cast<Reason>(r);
      if (issues.skipped(reason)) reasons[reason_code(reason)] = issues.skipped(reason);
      if (issues.cells(reason)) cell_issues[reason_code(reason)] = issues.cells(reason);
    }
    nlohmann::json bad = nlohmann::json::array();
    for (const BadCell& cell : issues.examples()) {
      nlohmann::json item{{"row", cell.row}, {"reason", reason_code(cell.reason)}};
      item["column"] = cell.column >= 0 && static_cast<std::size_t>(cell.column) < mapping.columns.size()
                           ? nlohmann::json(mapping.columns[static_cast<std::size_t>(cell.column)].name)
                           : nlohmann::json(nullptr);
      bad.push_back(std::move(item));
    }
    const std::uint64_t skipped = issues.skipped_rows();
    nlohmann::json rows{{"read", records_seen},
                        {"used", records_seen - std::min(records_seen, skipped)},
                        {"skipped", skipped},
                        {"reasons", reasons},
                        {"issues", cell_issues},
                        {"bad", bad},
                        {"records", processor->records()}};
    if (short_rows) rows["short"] = short_rows;
    if (reader.blank_records()) rows["blank"] = reader.blank_records();
    if (reader.dropped_records()) rows["dropped"] = reader.dropped_records();
    if (extra.contains("event_log")) rows["event_log"] = extra["event_log"];
    if (extra.contains("threads")) rows["threads"] = extra["threads"];
    report["rows"] = std::move(rows);

    // dialect
    const csv::Dialect& d = reader.dialect();
    std::string order = "ymd";
    bool any_year_last = false;
    for (std::size_t c = 0; c < mapping.columns.size(); ++c) {
      const Role role = mapping.columns[c].role;
      if (!is_timestamp_role(role)) continue;
      const time::TimestampKind kind = context.times[static_cast<std::size_t>(role)].format().kind;
      if (kind == time::TimestampKind::day_first || kind == time::TimestampKind::month_first) any_year_last = true;
    }
    if (any_year_last) order = date_order == time::DateOrder::day_first ? "dmy" : "mdy";
    nlohmann::json dialect_json{{"encoding", d.encoding},
                                {"delimiter", delimiter_text(d)},
                                {"whitespace_delimited", d.whitespace_delimited},
                                {"quote", std::string(1, d.quote)},
                                {"decimal", std::string(1, d.decimal)},
                                {"line_ending", d.line_ending},
                                {"header_row", d.header_row},
                                {"header_line", d.header_line},
                                {"preamble_rows", d.preamble_rows},
                                {"header_lines_below", header_lines},
                                {"date_order", order},
                                {"date_order_source", any_year_last ? date_order_source : std::string("year first")},
                                {"time_zone", options.time_zone_name}};
    if (any_year_last && !date_order_evidence.empty()) dialect_json["date_order_evidence"] = date_order_evidence;
    if (date_order_ambiguous) dialect_json["date_order_ambiguous"] = true;
    report["dialect"] = dialect_json;

    // mapping and columns
    nlohmann::json mapped = nlohmann::json::object();
    nlohmann::json columns = nlohmann::json::array();
    nlohmann::json ignored = nlohmann::json::array();
    for (const MappedColumn& column : mapping.columns) {
      nlohmann::json item{{"index", column.index}, {"name", column.name}, {"type", column.type}};
      if (column.role != Role::none) {
        // Wide QA criteria: many columns share the role; they are listed in columns[] only.
        if (!(column.role == Role::criterion && !mapping.criteria.empty())) mapped[std::string(role_name(column.role))] = column.name;
        item["role"] = role_name(column.role);
        item["source"] = column.source;
        if (role_value_type(column.role) == ValueType::duration) item["unit_seconds"] = column.unit_seconds;
        if (is_timestamp_role(column.role)) {
          const time::TimestampKind kind = context.times[static_cast<std::size_t>(column.role)].format().kind;
          static const char* kinds[] = {"unknown", "year_first", "day_first", "month_first", "yyyymmdd", "unix_seconds", "unix_millis", "excel_serial"};
          const bool month_names = kind == time::TimestampKind::invalid && static_cast<std::size_t>(column.index) < profiles.size() &&
                                   profiles[static_cast<std::size_t>(column.index)].month_names > 0;
          item["format"] = context.times[static_cast<std::size_t>(column.role)].six_digit_dates() ? "yymmdd"
                           : month_names                                                             ? "month_name"
                                                                                                     : kinds[static_cast<int>(kind)];
        }
      } else {
        item["role"] = nullptr;
        ignored.push_back(column.name);
      }
      if (!column.note.empty()) item["note"] = column.note;
      if (!column.label.empty()) item["label"] = column.label;
      columns.push_back(std::move(item));
    }
    report["mapping"] = mapped;
    report["columns"] = columns;
    report["ignored"] = ignored;
    report["metrics"] = std::move(metrics);
    if (options.compare_to) {
      comparison["period"] = nlohmann::json{{"from", day_text(options.period->from)}, {"to", day_text(options.period->to)}};
      comparison["compare_to"] = nlohmann::json{{"from", day_text(options.compare_to->from)}, {"to", day_text(options.compare_to->to)}};
      comparison["note"] = "a = compare_to period, b = period; change = b - a";
      report["comparison"] = std::move(comparison);
    } else {
      report["comparison"] = nullptr;
    }
    if (options.period) report["period"] = nlohmann::json{{"from", day_text(options.period->from)}, {"to", day_text(options.period->to)}};

    // warnings
    nlohmann::json warnings = nlohmann::json::array();
    auto warn = [&](const std::string& code, const std::string& message) { warnings.push_back(nlohmann::json{{"code", code}, {"message", message}}); };
    for (const auto& issue : reader.issues()) {
      nlohmann::json item{{"code", issue.code}, {"message", issue.message}};
      if (issue.row) item["row"] = issue.row;
      warnings.push_back(std::move(item));
    }
    if (reader.replaced_bytes()) warn("csv.replaced_bytes", std::to_string(reader.replaced_bytes()) + " bytes were not valid in the detected encoding and were replaced.");
    for (const std::string& key : options.unknown_keys) warn("options.unknown", "Unknown option \"" + key + "\" was ignored.");
    for (const std::string& text : mapping.warnings) warn("mapping.rejected", text);
    for (const std::string& text : mapping.notes) warn("mapping.assumed", text);
    for (const std::string& text : context.warnings) warn("analysis.note", text);
    if (issues.skipped(Reason::row_ragged)) {
      warn("row.ragged", std::to_string(issues.skipped(Reason::row_ragged)) + " rows had more fields than the header and were skipped.");
    }
    if (issues.skipped(Reason::row_not_data)) {
      warn("row.not_data", std::to_string(issues.skipped(Reason::row_not_data)) +
                               " lines were not records and were left out: report footers (totals, copyright, \"Generated By\") or a second header line.");
    }
    if (short_rows) warn("row.short", std::to_string(short_rows) + " rows had fewer fields than the header; the missing cells were read as empty.");
    std::size_t listed = 0;
    for (const BadCell& cell : issues.examples()) {
      if (++listed > 5) break;
      nlohmann::json item{{"code", reason_code(cell.reason)}, {"row", cell.row}};
      std::string where = "Row " + std::to_string(cell.row);
      if (cell.column >= 0 && static_cast<std::size_t>(cell.column) < mapping.columns.size()) {
        item["column"] = mapping.columns[static_cast<std::size_t>(cell.column)].name;
        where += ", column \"" + mapping.columns[static_cast<std::size_t>(cell.column)].name + "\"";
      }
      item["message"] = where + ": " + reason_text(cell.reason) + ".";
      warnings.push_back(std::move(item));
    }
    if (const std::uint64_t outside = issues.skipped(Reason::row_outside_period)) {
      warn("row.outside_period", std::to_string(outside) + (outside == 1 ? " row is" : " rows are") + " dated outside the period" +
                                     (options.compare_to ? std::string(" and the compare_to period") : std::string()) + " (or undated), left out" +
                                     (outside == records_seen ? std::string("; no row falls within it.") : std::string(".")));
    }
    if (const std::uint64_t tests = issues.skipped(Reason::row_test_response)) {
      warn("row.test_response", std::to_string(tests) + (tests == 1 ? " response was" : " responses were") +
                                    " a survey preview, test or spam (response type \"Survey Preview\", \"Survey Test\", \"Spam\") and " +
                                    (tests == 1 ? "was" : "were") + " left out of the figures.");
    }
    if (records_seen == 0 && !reader.failed() && phase != Phase::failed) warn("csv.no_rows", "The file has a header but no data rows.");
    if (records_seen > 0 && records_seen < 30 && mapping.kind != Kind::table) warn("small_sample", "Fewer than 30 rows: the figures are indicative only.");
    report["warnings"] = warnings;
    return report;
  }
};

Session::Session(const nlohmann::json& options) {
  try {
    state_ = std::make_unique<State>(options);
  } catch (...) {
    state_ = std::make_unique<State>(nlohmann::json::object());
    state_->internal_error_code = "internal";
    state_->internal_error_message = "The analysis could not start.";
  }
}

Session::~Session() = default;

void Session::feed(const std::uint8_t* data, std::size_t size) {
  State& state = *state_;
  if (state.options_error || state.finished || !state.internal_error_code.empty() || size == 0) return;
  try {
    state.reader.feed(data, size, state);
  } catch (const std::bad_alloc&) {
    state.internal_error_code = "internal.out_of_memory";
    state.internal_error_message = "The analysis ran out of memory.";
  } catch (const std::exception& problem) {
    state.internal_error_code = "internal";
    state.internal_error_message = std::string("Internal error while reading: ") + problem.what();
  } catch (...) {
    state.internal_error_code = "internal";
    state.internal_error_message = "Internal error while reading.";
  }
}

nlohmann::json Session::finish() {
  State& state = *state_;
  try {
    if (!state.finished && !state.options_error && state.internal_error_code.empty()) {
      state.finished = true;
      state.reader.finish(state);
      if (!state.reader.failed() && state.phase != State::Phase::failed && state.phase != State::Phase::streaming) {
        if (state.phase == State::Phase::sampling) state.plan(true);
        if (state.phase != State::Phase::failed) state.start_streaming();
      }
    }
    state.finished = true;
    return state.build_report();
  } catch (const std::bad_alloc&) {
    return State::error_json("internal.out_of_memory", "The analysis ran out of memory.");
  } catch (const std::exception& problem) {
    return State::error_json("internal", std::string("Internal error: ") + problem.what());
  } catch (...) {
    return State::error_json("internal", "Internal error.");
  }
}

nlohmann::json Session::progress() const {
  const State& state = *state_;
  const char* phase = state.phase == State::Phase::streaming ? "streaming" : state.phase == State::Phase::failed ? "failed" : "sampling";
  if (state.finished) phase = "finished";
  return nlohmann::json{{"bytes", state.reader.bytes()}, {"records", state.records_seen}, {"phase", phase}};
}

}  // namespace skpi::analysis
