// Call-centre files: per-call logs (outcome, waits, handle times) and interval counts (contacts per
// hour); offered/answered/abandoned, ASA, AHT, service level and arrivals per interval for staffing.
#include <algorithm>
#include <cmath>

#include "core/analysis/dictionary.hpp"
#include "core/analysis/kinds.hpp"
#include "core/analysis/report.hpp"
#include "core/csv/number.hpp"
#include "core/time/civil.hpp"

namespace skpi::analysis {
namespace {

struct CallAccumulator {
  std::uint64_t rows = 0;
  double offered = 0, answered = 0, abandoned = 0, other = 0, unknown = 0;
  std::uint64_t not_queued = 0;  // no outcome column: neither an answer nor a queue wait (IVR, self-service)
  QuantileStore answered_waits, abandoned_waits, handle_times;
  double talk = 0, hold = 0, wrap = 0;
  std::uint64_t talk_n = 0, hold_n = 0, wrap_n = 0;
  SeriesSums arrivals{400000};  // by interval index in local time
  SeriesSums by_day;
  std::uint64_t no_time_rows = 0;
  struct Agent {
    std::uint64_t handled = 0;
    QuantileStore handle_times, waits;
  };
  PerKey<Agent> agents;
  std::uint64_t resolved = 0, resolved_n = 0;  // a yes/no "resolved" column, over answered calls
  RatingCounts csat;
  // Interval reports with averages per row: sums of average x weight, and the weights (answered
  // calls for speed of answer and talk time; offered calls for waiting time and service level).
  struct Weighted {
    double sum = 0, weight = 0;
    void add(double value, double by) {
      sum += value * by;
      weight += by;
    }
    void merge(const Weighted& o) {
      sum += o.sum;
      weight += o.weight;
    }
    double mean() const { return sum / weight; }
  };
  Weighted answer_speed, talk_time, hold_time, wrap_time, handle_time, waiting_time, service_level;

  void merge(const CallAccumulator& o) {
    rows += o.rows;
    resolved += o.resolved;
    resolved_n += o.resolved_n;
    csat.merge(o.csat);
    answer_speed.merge(o.answer_speed);
    talk_time.merge(o.talk_time);
    hold_time.merge(o.hold_time);
    wrap_time.merge(o.wrap_time);
    handle_time.merge(o.handle_time);
    waiting_time.merge(o.waiting_time);
    service_level.merge(o.service_level);
    offered += o.offered;
    answered += o.answered;
    abandoned += o.abandoned;
    other += o.other;
    unknown += o.unknown;
    not_queued += o.not_queued;
    answered_waits.merge(o.answered_waits);
    abandoned_waits.merge(o.abandoned_waits);
    handle_times.merge(o.handle_times);
    talk += o.talk;
    hold += o.hold;
    wrap += o.wrap;
    talk_n += o.talk_n;
    hold_n += o.hold_n;
    wrap_n += o.wrap_n;
    arrivals.merge(o.arrivals);
    by_day.merge(o.by_day);
    no_time_rows += o.no_time_rows;
    agents.merge(o.agents, [](Agent& a, const Agent& b) {
      a.handled += b.handled;
      a.handle_times.merge(b.handle_times);
      a.waits.merge(b.waits);
    });
  }
};

class CallProcessor final : public Processor {
 public:
  explicit CallProcessor(Context& context) : context_(context), clock_(*context.options->zone) {
    const Mapping& m = *context.mapping;
    col_outcome_ = m.column(Role::outcome);
    col_calls_ = m.column(Role::calls);
    col_answered_calls_ = m.column(Role::answered_calls);
    col_abandoned_calls_ = m.column(Role::abandoned_calls);
    col_agent_ = m.column(Role::agent);
    col_resolved_ = m.column(Role::resolved_flag);
    col_time_of_day_ = m.column(Role::time_of_day);
    col_rating_ = m.column(Role::rating);
    col_direction_ = m.column(Role::direction);
    col_average_wait_ = m.column(Role::avg_waiting_time);
    col_service_level_ = m.column(Role::service_level_percent);
    if (col_service_level_ >= 0) service_level_threshold_ = threshold_in_header(m.columns[static_cast<std::size_t>(col_service_level_)].name);
    for (Role role : {Role::wait_seconds, Role::talk_seconds, Role::hold_seconds, Role::wrap_seconds, Role::handle_seconds}) {
      duration_columns_.push_back(m.column(role));
      duration_units_.push_back(m.unit(role));
    }
    for (Role role : {Role::created_at, Role::date, Role::answered_at, Role::ended_at}) {
      if (m.has(role)) {
        arrival_role_ = role;
        break;
      }
    }
    interval_ = context.interval_seconds;
    if (m.has(Role::calls)) {
      context.warnings.push_back("Each row counts contacts in an interval of " + std::to_string(interval_ / 60) + " minutes.");
    }
  }

  void add(const std::string_view* f, std::size_t n, std::uint64_t row) override {
    Issues& issues = *context_.issues;
    // Outbound calls (Twilio "outbound-api", "Outgoing") were never offered to the queue: answer,
    // abandon and service level are about inbound contacts.
    if (col_direction_ >= 0 && classify_direction(Context::cell(f, n, col_direction_)) == 2) {
      issues.skip(Reason::call_outbound, row, col_direction_);
      return;
    }
    auto time_of = [&](Role role) -> std::int64_t {
      if (role == Role::none) return no_time;
      TimeColumn& column = context_.times[static_cast<std::size_t>(role)];
      if (!column.valid()) return no_time;
      std::int64_t millis = 0;
      const Read read = column.read(Context::cell(f, n, column.index()), millis);
      if (read == Read::ok) return millis;
      if (read == Read::bad) issues.cell(Reason::value_bad_timestamp, row, column.index());
      return no_time;
    };
    std::int64_t arrival = time_of(arrival_role_);
    if (arrival != no_time && col_time_of_day_ >= 0) {
      // The date column holds local midnight; the time column the seconds since (a new zone
      // conversion at the full local time keeps DST right).
      double seconds = 0;
      if (read_duration(Context::cell(f, n, col_time_of_day_), context_.decimal, 1, seconds) == Read::ok && seconds >= 0 && seconds < 86400) {
        const std::int64_t local_midnight = clock_.local_seconds(arrival);
        const std::int64_t local = local_midnight + static_cast<std::int64_t>(seconds);
        arrival = time::local_to_utc(local, *context_.options->zone) * 1000;
      }
    }
    CallAccumulator* const target =
        route_row(context_, context_.filtering() && arrival != no_time ? clock_.day(arrival) : no_time, row, main_, compare_, half_);
    if (!target) return;
    CallAccumulator& a = *target;

    if (col_calls_ >= 0) {
      // Interval counts.
      double calls = 0;
      const Read read = read_number(Context::cell(f, n, col_calls_), context_.decimal, calls);
      if (read != Read::ok || calls < 0) {
        if (read == Read::bad || calls < 0) issues.skip(Reason::value_bad_number, row, col_calls_);
        else issues.skip(Reason::call_no_outcome, row, col_calls_);
        return;
      }
      ++a.rows;
      a.offered += calls;
      double answered = 0, abandoned = 0;
      const bool answered_known =
          col_answered_calls_ >= 0 && read_number(Context::cell(f, n, col_answered_calls_), context_.decimal, answered) == Read::ok;
      if (answered_known) a.answered += answered;
      if (col_abandoned_calls_ >= 0 && read_number(Context::cell(f, n, col_abandoned_calls_), context_.decimal, abandoned) == Read::ok) a.abandoned += abandoned;
      add_interval_averages(a, f, n, row, calls, answered_known ? answered : -1);
      if (arrival != no_time) {
        const std::int64_t local = clock_.local_seconds(arrival);
        a.arrivals.add(LocalClock::floor_div(local, interval_), calls);
        a.by_day.add(LocalClock::floor_div(local, 86400), calls);
      } else {
        ++a.no_time_rows;
      }
      return;
    }

    // One row per call.
    double durations[5];
    bool has[5] = {false, false, false, false, false};
    for (std::size_t i = 0; i < duration_columns_.size(); ++i) {
      has[i] = read_call_time(f, n, row, duration_columns_[i], duration_units_[i], durations[i]);
    }
    int outcome = 0;
    if (col_outcome_ >= 0) {
      const std::string_view text = Context::cell(f, n, col_outcome_);
      const std::uint32_t id = outcome_names_.id(trim(text));
      if (id >= outcome_classes_.size()) outcome_classes_.resize(static_cast<std::size_t>(id) + 1, -1);
      if (outcome_classes_[id] < 0) {
        int outcome_class = classify_outcome(outcome_names_.name(id));
        bool answered = false;
        if (outcome_class == 0 && read_flag(outcome_names_.name(id), answered) == Read::ok) outcome_class = answered ? 1 : 2;  // Answered (Y/N)
        outcome_classes_[id] = static_cast<std::int8_t>(outcome_class);
      }
      outcome = outcome_classes_[id];
      if (outcome == 0) {
        issues.skip(trim(text).empty() ? Reason::call_no_outcome : Reason::value_unknown_outcome, row, col_outcome_);
        return;
      }
    } else {
      // Without an outcome column: answered when there is an answer time or talk time.
      const std::int64_t answered_at = context_.times[static_cast<std::size_t>(Role::answered_at)].valid() ? time_of(Role::answered_at) : no_time;
      if (answered_at != no_time || (has[1] && durations[1] > 0) || (has[4] && durations[4] > 0)) outcome = 1;
      else if (duration_columns_[0] >= 0 && !has[0] && context_.mapping->has(Role::answered_at)) {
        // Never answered and never waited in a queue (Amazon Connect contacts that ended in the IVR
        // have no Queue.Duration): not offered to agents, so not abandoned either.
        outcome = 3;
        ++target->not_queued;
      } else if (context_.mapping->has(Role::answered_at) || context_.mapping->has(Role::talk_seconds) || context_.mapping->has(Role::handle_seconds)) outcome = 2;
      else outcome = 1;  // nothing tells: counted as answered (offered == answered)
      if (!has[0] && answered_at != no_time && arrival != no_time && arrival_role_ != Role::answered_at) {
        durations[0] = static_cast<double>(answered_at - arrival) / 1000.0;
        has[0] = durations[0] >= 0;
      }
    }
    ++a.rows;
    if (outcome == 3) {
      ++a.other;
      return;
    }
    a.offered += 1;
    std::uint32_t agent_id = Dictionary::missing;
    if (col_agent_ >= 0) {
      const std::string_view value = trim(Context::cell(f, n, col_agent_));
      if (!value.empty() && !TimeColumn::is_missing(value)) agent_id = agents_.id(value);
    }
    if (col_rating_ >= 0) {
      double rating = 0;
      const std::string_view text = Context::cell(f, n, col_rating_);
      if (read_number(text, context_.decimal, rating) == Read::ok) a.csat.add(rating);
      else if (const int worded = worded_rating(text)) a.csat.add(worded);
    }
    if (outcome == 1) {
      a.answered += 1;
      bool resolved = false;
      if (col_resolved_ >= 0 && read_flag(Context::cell(f, n, col_resolved_), resolved) == Read::ok) {
        ++a.resolved_n;
        a.resolved += resolved;
      }
      if (has[0]) a.answered_waits.add(durations[0]);
      double handle = 0;
      bool handle_known = false;
      if (has[4]) {
        handle = durations[4];
        handle_known = true;
      } else if ((has[1] || has[2] || has[3]) && (has[1] || duration_columns_[1] < 0)) {
        // With a talk column, a row whose talk time is missing ("n/a") has no handle time: hold and
        // wrap-up alone would understate it.
        handle = (has[1] ? durations[1] : 0) + (has[2] ? durations[2] : 0) + (has[3] ? durations[3] : 0);
        handle_known = true;
      }
      if (has[1]) { a.talk += durations[1]; ++a.talk_n; }
      if (has[2]) { a.hold += durations[2]; ++a.hold_n; }
      if (has[3]) { a.wrap += durations[3]; ++a.wrap_n; }
      if (handle_known) a.handle_times.add(handle);
      if (agent_id != Dictionary::missing) {
        CallAccumulator::Agent& agent = a.agents[agent_id];
        ++agent.handled;
        if (handle_known) agent.handle_times.add(handle);
        if (has[0]) agent.waits.add(durations[0]);
      }
    } else {
      a.abandoned += 1;
      if (has[0]) a.abandoned_waits.add(durations[0]);
    }
    if (arrival != no_time) {
      const std::int64_t local = clock_.local_seconds(arrival);
      a.arrivals.add(LocalClock::floor_div(local, interval_));
      a.by_day.add(LocalClock::floor_div(local, 86400));
    } else {
      ++a.no_time_rows;
    }
  }

  std::uint64_t records() const override { return main_.rows + compare_.rows + half_.rows; }

  void report(json& metrics, json& comparison, json&) override {
    main_.merge(half_);
    half_ = CallAccumulator{};  // merged: records() must not count it twice
    metrics = build(main_);
    if (const std::uint64_t outbound = context_.issues->skipped(Reason::call_outbound)) {
      context_.warnings.push_back(std::to_string(outbound) + " outbound calls were left out: offered, answered, abandoned and "
                                  "service level count inbound calls only.");
    }
    if (main_.not_queued) {
      context_.warnings.push_back(std::to_string(main_.not_queued) + " contacts were neither answered nor queued (no answer time, "
                                  "no queue wait): they are left out of offered and abandoned, under other_outcomes.");
    }
    if (col_calls_ < 0 && main_.answered > 0 && main_.answered_waits.empty()) {
      context_.warnings.push_back("No wait or answer time per call: ASA (wait_time) and service level cannot be computed "
                                  "from this file.");
    }
    if (context_.comparing()) comparison["metrics"] = compare_metrics(build(compare_), metrics);
  }

 private:
  // The seconds in an interval report's service-level header: "Service Level (20 Seconds)" -> 20,
  // "Service level 30" -> 30, "Service level (1 min)" -> 60; 0 when the header gives none.
  static double threshold_in_header(const std::string& header) {
    const std::string words = " " + normalize_header(header) + " ";
    for (std::size_t i = 0; i < words.size(); ++i) {
      if (words[i] < '0' || words[i] > '9' || words[i - 1] != ' ') continue;
      std::size_t end = i;
      double value = 0;  // digit by digit: a header of 400 digits must not throw
      while (end < words.size() && words[end] >= '0' && words[end] <= '9') value = value * 10 + (words[end++] - '0');
      if (value <= 0 || value > 86400) return 0;
      std::size_t unit = end;
      while (unit < words.size() && words[unit] == ' ') ++unit;
      const std::string rest = words.substr(unit);
      return rest.rfind("min", 0) == 0 || rest.rfind("m ", 0) == 0 ? value * 60 : value;  // seconds unless minutes
    }
    return 0;
  }

  // A call time (two parts are m:ss: "4:05" of talk, not h:mm); false when absent, bad or negative,
  // the last two counted.
  bool read_call_time(const std::string_view* f, std::size_t n, std::uint64_t row, int column, double unit, double& seconds) {
    if (column < 0) return false;
    const Read read = read_duration(Context::cell(f, n, column), context_.decimal, unit, seconds, true);
    if (read == Read::bad) context_.issues->cell(Reason::value_bad_duration, row, column);
    else if (read == Read::ok && seconds < 0) context_.issues->cell(Reason::duration_negative, row, column);
    return read == Read::ok && seconds >= 0;
  }

  // Averages per row of an interval report, weighted by the calls they average over.
  void add_interval_averages(CallAccumulator& a, const std::string_view* f, std::size_t n, std::uint64_t row, double offered,
                             double answered) {
    Issues& issues = *context_.issues;
    auto duration = [&](int column, double unit, double& seconds) { return read_call_time(f, n, row, column, unit, seconds); };
    double seconds = 0;
    if (answered >= 0) {
      if (duration(duration_columns_[0], duration_units_[0], seconds)) a.answer_speed.add(seconds, answered);
      if (duration(duration_columns_[1], duration_units_[1], seconds)) a.talk_time.add(seconds, answered);
      if (duration(duration_columns_[2], duration_units_[2], seconds)) a.hold_time.add(seconds, answered);
      if (duration(duration_columns_[3], duration_units_[3], seconds)) a.wrap_time.add(seconds, answered);
      if (duration(duration_columns_[4], duration_units_[4], seconds)) a.handle_time.add(seconds, answered);
    }
    if (duration(col_average_wait_, context_.mapping->unit(Role::avg_waiting_time), seconds)) a.waiting_time.add(seconds, offered);
    if (col_service_level_ >= 0) {
      const std::string_view text = trim(Context::cell(f, n, col_service_level_));
      const auto parsed = csv::parse_number_or_percent(text, context_.decimal);
      if (parsed && parsed->value >= 0 && parsed->value <= 100) {
        // "76.28%" or 76.28; a fraction (0.7628) when the column never goes above 1 is not told apart: percent.
        a.service_level.add(parsed->value, offered);
      } else if (!text.empty() && !TimeColumn::is_missing(text)) {
        issues.cell(Reason::value_bad_number, row, col_service_level_);
      }
    }
  }

  json build(CallAccumulator& a) {
    const Options& options = *context_.options;
    json metrics = json::object();
    auto count = [](double value) { return static_cast<std::uint64_t>(std::llround(value)); };
    const bool interval_file = col_calls_ >= 0;
    const bool knows_outcome = col_outcome_ >= 0 || col_abandoned_calls_ >= 0 || context_.mapping->has(Role::answered_at) ||
                               context_.mapping->has(Role::talk_seconds) || context_.mapping->has(Role::handle_seconds);
    metrics["offered"] = json{{"value", number(a.offered)}, {"n", a.rows}};
    if (knows_outcome || !interval_file) {
      if (knows_outcome) {
        metrics["answered"] = json{{"value", number(a.answered)}, {"n", count(a.offered)}};
        metrics["abandoned"] = json{{"value", number(a.abandoned)}, {"n", count(a.offered)}};
        json rate = share(count(a.abandoned), count(a.offered));
        metrics["abandon_rate"] = std::move(rate);
      }
      if (a.other) metrics["other_outcomes"] = json{{"value", number(a.other)}, {"note", "calls with other outcomes (phantom, busy, failed) are not offered calls"}};
    }
    if (a.resolved_n) {
      json resolved = share(a.resolved, a.resolved_n);
      resolved["definition"] = "answered calls marked resolved";
      metrics["resolution_rate"] = resolved;
    }
    if (a.csat.numeric()) {
      const Options& o = *context_.options;
      metrics["csat"] = csat_json(a.csat, o.csat_scale ? &*o.csat_scale : nullptr, o.csat_threshold ? &*o.csat_threshold : nullptr);
    }
    if (knows_outcome && a.offered > 0) {
      json answer_rate = share(count(a.answered), count(a.offered));
      metrics["answer_rate"] = answer_rate;
    }
    if (!a.answered_waits.empty()) {
      json wait = summary_json(a.answered_waits);
      wait["unit"] = "seconds";
      metrics["wait_time"] = wait;
      // Service level: answered within T / offered (abandoned treatment per option).
      const double threshold = options.service_level_seconds;
      const std::uint64_t within = a.answered_waits.count_at_most(threshold);
      std::uint64_t denominator = count(a.offered);
      const char* treatment = "count";
      if (options.abandoned == AbandonedTreatment::exclude) {
        denominator = count(a.answered);
        treatment = "exclude";
      } else if (options.abandoned == AbandonedTreatment::exclude_short) {
        denominator = count(a.offered) - a.abandoned_waits.count_at_most(threshold);
        treatment = "exclude_short";
      }
      // Answered calls whose wait is unknown cannot be judged: they leave the denominator.
      const std::uint64_t unknown_waits = count(a.answered) - a.answered_waits.size();
      denominator -= std::min(denominator, unknown_waits);
      json level = share(within, denominator);
      level["threshold_seconds"] = number(threshold);
      level["abandoned"] = treatment;
      metrics["service_level"] = level;
    }
    // Interval reports: the rows' averages, weighted (no single waits or talk times: no median).
    auto weighted = [&](const CallAccumulator::Weighted& w, const char* what, const char* weight) {
      return json{{"mean", number(w.mean())},
                  {"n", number(w.weight)},
                  {"unit", "seconds"},
                  {"definition", std::string("mean of the rows' ") + what + ", weighted by their " + weight +
                                     " calls (an interval report has no single calls: no median or p90)"}};
    };
    if (interval_file && a.answer_speed.weight > 0 && a.answered_waits.empty()) metrics["wait_time"] = weighted(a.answer_speed, "average speed of answer", "answered");
    if (interval_file && a.handle_times.empty()) {
      // Handle time as written, else talk + hold + wrap (each the rows' average over answered calls).
      if (a.handle_time.weight > 0) {
        metrics["aht"] = weighted(a.handle_time, "average handle time", "answered");
      } else if (a.talk_time.weight > 0) {
        json aht = weighted(a.talk_time, "average talk time (plus hold and after-call work where the file has them)", "answered");
        double mean = a.talk_time.mean();
        json parts{{"talk_mean", number(mean)}};
        if (a.hold_time.weight > 0) {
          parts["hold_mean"] = number(a.hold_time.mean());
          mean += a.hold_time.mean();
        }
        if (a.wrap_time.weight > 0) {
          parts["wrap_mean"] = number(a.wrap_time.mean());
          mean += a.wrap_time.mean();
        }
        aht["mean"] = number(mean);
        aht["parts"] = std::move(parts);
        metrics["aht"] = std::move(aht);
      }
    }
    if (interval_file && a.waiting_time.weight > 0) metrics["waiting_time"] = weighted(a.waiting_time, "average waiting time", "offered");
    if (interval_file && a.service_level.weight > 0 && a.answered_waits.empty()) {
      json level{{"value", number(a.service_level.mean())},
                 {"n", number(a.service_level.weight)},
                 {"threshold_seconds", service_level_threshold_ > 0 ? json(number(service_level_threshold_)) : json(nullptr)},
                 {"definition", "mean of the rows' service level, weighted by their offered calls (each row's own definition)"}};
      metrics["service_level"] = std::move(level);
    }
    if (!a.handle_times.empty()) {
      json handle = summary_json(a.handle_times);
      handle["unit"] = "seconds";
      json parts = json::object();
      if (a.talk_n) parts["talk_mean"] = number(a.talk / static_cast<double>(a.talk_n));
      if (a.hold_n) parts["hold_mean"] = number(a.hold / static_cast<double>(a.hold_n));
      if (a.wrap_n) parts["wrap_mean"] = number(a.wrap / static_cast<double>(a.wrap_n));
      if (!parts.empty()) handle["parts"] = parts;
      metrics["aht"] = handle;
    }

    // Arrivals per interval and per day.
    if (!a.arrivals.empty()) {
      const std::int64_t first = a.arrivals.first_key(), last = a.arrivals.last_key();
      json arrivals = json::object();
      arrivals["interval_minutes"] = interval_ / 60;
      arrivals["total"] = number(a.arrivals.total());
      const std::int64_t intervals = last - first + 1;
      arrivals["intervals"] = intervals;
      arrivals["mean_per_interval"] = number(a.arrivals.total() / static_cast<double>(intervals));
      double peak = -1;
      std::int64_t peak_key = first;
      for (std::int64_t key = first; key <= last; ++key) {
        if (a.arrivals.at(key) > peak) {
          peak = a.arrivals.at(key);
          peak_key = key;
        }
      }
      auto start_text = [&](std::int64_t key) {
        const std::int64_t seconds = key * interval_;
        std::string text = time::format_iso8601_utc(seconds);
        if (!text.empty() && text.back() == 'Z') text.pop_back();  // local time
        return interval_ >= 86400 ? text.substr(0, 10) : text.substr(0, 16);
      };
      arrivals["peak"] = json{{"start", start_text(peak_key)}, {"calls", number(peak)}};
      if (intervals <= 20000) {
        json series = json::array();
        for (std::int64_t key = first; key <= last; ++key) series.push_back(json{{"start", start_text(key)}, {"calls", number(a.arrivals.at(key))}});
        arrivals["series"] = std::move(series);
      }
      if (interval_ < 86400) {
        // Mean contacts per weekday and time of day, over the days of each weekday in the range.
        const int per_day = static_cast<int>(86400 / interval_);
        std::vector<double> sums(static_cast<std::size_t>(7 * per_day), 0.0);
        std::vector<int> days_per_weekday(7, 0);
        const std::int64_t first_day = LocalClock::floor_div(first * interval_, 86400);
        const std::int64_t last_day = LocalClock::floor_div(last * interval_, 86400);
        for (std::int64_t day = first_day; day <= last_day; ++day) ++days_per_weekday[static_cast<std::size_t>(time::weekday_from_days(day))];
        for (std::int64_t key = first; key <= last; ++key) {
          const std::int64_t seconds = key * interval_;
          const std::int64_t day = LocalClock::floor_div(seconds, 86400);
          const int slot = static_cast<int>((seconds - day * 86400) / interval_);
          sums[static_cast<std::size_t>(time::weekday_from_days(day) * per_day + slot)] += a.arrivals.at(key);
        }
        static const char* weekday_names[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
        json profile = json::array();
        json by_time = json::array();
        for (int slot = 0; slot < per_day; ++slot) {
          double total = 0;
          int days = 0;
          for (int weekday = 0; weekday < 7; ++weekday) {
            total += sums[static_cast<std::size_t>(weekday * per_day + slot)];
            days += days_per_weekday[static_cast<std::size_t>(weekday)];
          }
          const int minute = slot * interval_ / 60;
          char clock[6] = {static_cast<char>('0' + minute / 600), static_cast<char>('0' + minute / 60 % 10), ':',
                           static_cast<char>('0' + minute % 60 / 10), static_cast<char>('0' + minute % 10), 0};
          by_time.push_back(json{{"time", clock}, {"mean", number(days ? total / days : 0)}});
          for (int weekday = 0; weekday < 7; ++weekday) {
            const int count_days = days_per_weekday[static_cast<std::size_t>(weekday)];
            if (!count_days) continue;
            profile.push_back(json{{"weekday", weekday_names[weekday]}, {"time", clock},
                                   {"mean", number(sums[static_cast<std::size_t>(weekday * per_day + slot)] / count_days)}});
          }
        }
        arrivals["by_time_of_day"] = by_time;
        arrivals["profile"] = profile;
      }
      metrics["arrivals"] = arrivals;
    }
    if (!a.by_day.empty()) {
      json by_day = json::array(), by_month = json::array();
      int current_month = -1;
      double month_total = 0;
      for (std::int64_t day = a.by_day.first_key(); day <= a.by_day.last_key(); ++day) {
        by_day.push_back(json{{"date", day_text(day)}, {"count", number(a.by_day.at(day))}});
        const int month = month_key_of_day(day);
        if (month != current_month) {
          if (current_month >= 0) by_month.push_back(json{{"month", month_text(current_month)}, {"count", number(month_total)}});
          current_month = month;
          month_total = 0;
        }
        month_total += a.by_day.at(day);
      }
      if (current_month >= 0) by_month.push_back(json{{"month", month_text(current_month)}, {"count", number(month_total)}});
      metrics["volume"] = json{{"by_day", by_day}, {"by_month", by_month}, {"n", number(a.by_day.total())}};
    }
    if (a.agents.size()) {
      json table = json::array();
      for (std::uint32_t id = 0; id < a.agents.size(); ++id) {
        CallAccumulator::Agent& agent = a.agents[id];
        if (!agent.handled) continue;
        json row{{"agent", std::string(agents_.name(id))}, {"handled", agent.handled}};
        if (!agent.handle_times.empty()) {
          row["aht"] = number(agent.handle_times.summarize().mean);
          row["aht_median"] = number(agent.handle_times.quantile(0.5));
        }
        if (!agent.waits.empty()) row["wait_median"] = number(agent.waits.quantile(0.5));
        table.push_back(std::move(row));
      }
      std::stable_sort(table.begin(), table.end(), [](const json& x, const json& y) { return x["handled"].get<std::uint64_t>() > y["handled"].get<std::uint64_t>(); });
      metrics["agents"] = std::move(table);
    }
    return metrics;
  }

  Context& context_;
  LocalClock clock_;
  int col_outcome_, col_calls_, col_answered_calls_, col_abandoned_calls_, col_agent_, col_resolved_ = -1, col_rating_ = -1;
  int col_average_wait_ = -1, col_service_level_ = -1;
  double service_level_threshold_ = 0;
  int col_direction_ = -1;
  int col_time_of_day_ = -1;
  std::vector<int> duration_columns_;
  std::vector<double> duration_units_;
  Role arrival_role_ = Role::none;
  int interval_ = 3600;
  Dictionary outcome_names_{10000}, agents_{10000};
  std::vector<std::int8_t> outcome_classes_;
  CallAccumulator main_, compare_, half_;
};

}  // namespace

std::unique_ptr<Processor> make_call_processor(Context& context) { return std::make_unique<CallProcessor>(context); }

}  // namespace skpi::analysis
