// Survey files: NPS / CSAT / CES from score columns, with intervals, by month and by segment.
#include <algorithm>

#include "core/analysis/dictionary.hpp"
#include "core/analysis/kinds.hpp"
#include "core/analysis/report.hpp"

namespace skpi::analysis {
namespace {

constexpr Role segment_roles[] = {Role::channel, Role::category, Role::agent, Role::group, Role::priority, Role::segment, Role::subcategory};
constexpr std::size_t segment_role_count = sizeof(segment_roles) / sizeof(segment_roles[0]);
enum Measure { nps, csat, ces, measure_count };

struct SurveyAccumulator {
  std::array<RatingCounts, measure_count> total;
  std::array<std::vector<RatingCounts>, measure_count> by_month;  // index: month key - month_base
  std::array<std::array<PerKey<RatingCounts>, segment_role_count>, measure_count> by_segment;
  std::uint64_t responses = 0;
  int month_base = 0;

  RatingCounts* month(int measure, int key) {
    std::vector<RatingCounts>& months = by_month[measure];
    if (months.empty() && by_month[0].empty() && by_month[1].empty() && by_month[2].empty()) month_base = key;
    if (key < month_base) {
      if (month_base - key > 2400) return nullptr;
      for (auto& series : by_month) series.insert(series.begin(), static_cast<std::size_t>(month_base - key), RatingCounts{});
      month_base = key;
    }
    const std::size_t index = static_cast<std::size_t>(key - month_base);
    if (index > 2400) return nullptr;
    if (index >= months.size()) months.resize(index + 1);
    return &months[index];
  }

  void merge(const SurveyAccumulator& other) {
    responses += other.responses;
    for (int m = 0; m < measure_count; ++m) {
      total[m].merge(other.total[m]);
      for (std::size_t i = 0; i < other.by_month[m].size(); ++i) {
        const RatingCounts& counts = other.by_month[m][i];
        if (counts.numeric() == 0 && counts.verdicts() == 0) continue;
        if (RatingCounts* mine = month(m, other.month_base + static_cast<int>(i))) mine->merge(counts);
      }
      for (std::size_t s = 0; s < segment_role_count; ++s)
        by_segment[m][s].merge(other.by_segment[m][s], [](RatingCounts& a, const RatingCounts& b) { a.merge(b); });
    }
  }
};

class SurveyProcessor final : public Processor {
 public:
  explicit SurveyProcessor(Context& context) : context_(context), clock_(*context.options->zone) {
    const Mapping& m = *context.mapping;
    measure_columns_ = {m.column(Role::nps), m.column(Role::rating), m.column(Role::ces)};
    date_role_ = m.has(Role::date) ? Role::date : Role::created_at;
    response_type_column_ = m.column(Role::response_type);
    for (std::size_t s = 0; s < segment_role_count; ++s) segment_columns_[s] = m.column(segment_roles[s]);
  }

  void add(const std::string_view* f, std::size_t n, std::uint64_t row) override {
    // Qualtrics: the survey owner's previews and test runs, and responses flagged as spam, are no
    // respondent's answers (a partial response is one: Finished does not matter here).
    if (response_type_column_ >= 0 && classify_response_type(Context::cell(f, n, response_type_column_)) == 2) {
      context_.issues->skip(Reason::row_test_response, row, response_type_column_);
      return;
    }
    double values[measure_count];
    int verdicts[measure_count] = {0, 0, 0};
    bool any = false;
    for (int m = 0; m < measure_count; ++m) {
      values[m] = -1;
      const int column = measure_columns_[m];
      if (column < 0) continue;
      const std::string_view text = Context::cell(f, n, column);
      double value = 0;
      const Read read = read_number(text, context_.decimal, value);
      if (read == Read::ok) {
        const double top = m == csat ? 10 : 10;
        if (value < 0 || value > top) {
          context_.issues->cell(Reason::value_out_of_scale, row, column);
          continue;
        }
        values[m] = value;
        any = true;
      } else if (read == Read::bad) {
        if (m == nps) {
          // SurveyMonkey / Qualtrics write the end points as labels: "Not at all likely", "10 - Extremely likely".
          const int label = nps_label(text);
          if (label >= 0) {
            values[m] = label;
            any = true;
            continue;
          }
        }
        const int worded = m == nps ? 0 : worded_rating(text);
        if (worded) {
          values[m] = worded;
          any = true;
          continue;
        }
        const int verdict = m == csat ? classify_verdict(text) : 0;
        if (verdict == 1 || verdict == 2) {
          verdicts[m] = verdict;
          any = true;
        } else if (verdict == 0) {
          context_.issues->cell(Reason::value_bad_number, row, column);
        }
      }
    }
    if (!any) {
      context_.issues->skip(Reason::survey_no_score, row, measure_columns_[0] >= 0 ? measure_columns_[0] : measure_columns_[1]);
      return;
    }
    std::int64_t day = no_time;
    TimeColumn& date = context_.times[static_cast<std::size_t>(date_role_)];
    if (date.valid()) {
      std::int64_t millis = 0;
      const Read read = date.read(Context::cell(f, n, date.index()), millis);
      if (read == Read::ok) day = clock_.day(millis);
      else if (read == Read::bad) context_.issues->cell(Reason::value_bad_timestamp, row, date.index());
    }
    SurveyAccumulator* const target = route_row(context_, day, row, main_, compare_, half_);
    if (!target) return;
    ++target->responses;
    std::uint32_t segment_ids[segment_role_count];
    for (std::size_t s = 0; s < segment_role_count; ++s) {
      segment_ids[s] = Dictionary::missing;
      if (segment_columns_[s] < 0) continue;
      const std::string_view value = trim(Context::cell(f, n, segment_columns_[s]));
      if (!value.empty() && !TimeColumn::is_missing(value)) segment_ids[s] = segments_[s].id(value);
    }
    const int month_key = day == no_time ? 0 : month_key_of_day(day);
    for (int m = 0; m < measure_count; ++m) {
      if (values[m] < 0 && verdicts[m] == 0) continue;
      auto put = [&](RatingCounts& counts) {
        if (values[m] >= 0) counts.add(values[m]);
        else counts.add_verdict(verdicts[m] == 1);
      };
      put(target->total[m]);
      if (day != no_time) {
        if (RatingCounts* month = target->month(m, month_key)) put(*month);
      }
      for (std::size_t s = 0; s < segment_role_count; ++s) {
        if (segment_ids[s] != Dictionary::missing) put(target->by_segment[m][s][segment_ids[s]]);
      }
    }
  }

  std::uint64_t records() const override { return main_.responses + compare_.responses + half_.responses; }

  void report(json& metrics, json& comparison, json&) override {
    main_.merge(half_);
    half_ = SurveyAccumulator{};  // merged: records() must not count it twice
    metrics = build(main_);
    if (context_.comparing()) comparison["metrics"] = compare_metrics(build(compare_), metrics);
  }

 private:
  json figure(int measure, const RatingCounts& counts, const RatingScale* scale) const {
    const Options& options = *context_.options;
    if (measure == nps) return nps_json(counts, scale);
    if (measure == csat) return csat_json(counts, scale, options.csat_threshold ? &*options.csat_threshold : nullptr);
    return ces_json(counts, scale);
  }

  json build(SurveyAccumulator& accumulator) {
    json metrics = json::object();
    metrics["responses"] = json{{"value", accumulator.responses}, {"n", accumulator.responses}};
    static const char* names[] = {"nps", "csat", "ces"};
    const Options& options = *context_.options;
    for (int m = 0; m < measure_count; ++m) {
      if (measure_columns_[m] < 0) continue;
      const RatingCounts& total = accumulator.total[m];
      RatingScale scale = m == csat ? (options.csat_scale ? *options.csat_scale : detect_csat_scale(total))
                                    : m == ces ? (options.ces_scale ? *options.ces_scale : detect_ces_scale(total))
                                               : detect_nps_scale(total);
      // An NPS header that says 0-10 ("How likely ... (0-10)") is a 0-10 scale even when no one answered 0.
      double low = 0, high = 0;
      const MappedColumn& measured = context_.mapping->columns[static_cast<std::size_t>(measure_columns_[m])];
      if (m == nps && (scale_from_header(measured.name, low, high) || (!measured.label.empty() && scale_from_header(measured.label, low, high))) &&
          low == 0 && high == 10)
        scale = RatingScale{0, 10};
      json out = figure(m, total, &scale);
      out["column"] = context_.mapping->columns[static_cast<std::size_t>(measure_columns_[m])].name;
      json by_month = json::array();
      for (std::size_t i = 0; i < accumulator.by_month[m].size(); ++i) {
        const RatingCounts& counts = accumulator.by_month[m][i];
        if (counts.numeric() == 0 && counts.verdicts() == 0) continue;
        const json f = figure(m, counts, &scale);
        by_month.push_back(json{{"month", month_text(accumulator.month_base + static_cast<int>(i))}, {"value", f["value"]}, {"n", f["n"]}});
      }
      if (!by_month.empty()) out["by_month"] = std::move(by_month);
      json by_segment = json::object();
      for (std::size_t s = 0; s < segment_role_count; ++s) {
        if (segment_columns_[s] < 0) continue;
        const PerKey<RatingCounts>& table = accumulator.by_segment[m][s];
        std::vector<std::pair<std::uint64_t, std::uint32_t>> order;
        for (std::uint32_t id = 0; id < table.size(); ++id) {
          const RatingCounts& counts = *table.find(id);
          const std::uint64_t count = counts.numeric() + counts.verdicts();
          if (count) order.emplace_back(count, id);
        }
        std::stable_sort(order.begin(), order.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
        json rows = json::array();
        for (const auto& [count, id] : order) {
          const json f = figure(m, *table.find(id), &scale);
          json row{{"segment", std::string(segments_[s].name(id))}, {"value", f["value"]}, {"n", f["n"]}};
          if (f.contains("ci")) row["ci"] = f["ci"];
          rows.push_back(std::move(row));
        }
        by_segment[std::string(role_name(segment_roles[s]))] = std::move(rows);
      }
      if (!by_segment.empty()) out["by_segment"] = by_segment;
      metrics[names[m]] = std::move(out);
    }
    return metrics;
  }

  Context& context_;
  LocalClock clock_;
  std::array<int, measure_count> measure_columns_{};
  Role date_role_;
  int response_type_column_ = -1;
  std::array<int, segment_role_count> segment_columns_{};
  std::array<Dictionary, segment_role_count> segments_{Dictionary(10000), Dictionary(10000), Dictionary(10000), Dictionary(10000),
                                                       Dictionary(10000), Dictionary(10000), Dictionary(10000)};
  SurveyAccumulator main_, compare_, half_;
};

}  // namespace

std::unique_ptr<Processor> make_survey_processor(Context& context) { return std::make_unique<SurveyProcessor>(context); }

}  // namespace skpi::analysis
