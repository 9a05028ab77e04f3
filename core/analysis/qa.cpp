// QA review files, long (one row per reviewed interaction and criterion) or wide (one row per review,
// one column per criterion): IQS = mean over interactions of Σ weight·score / Σ weight, on 0-100;
// also per criterion and per agent. N/A cells are left out, not scored 0.
#include <algorithm>
#include <cmath>

#include "core/analysis/dictionary.hpp"
#include "core/analysis/kinds.hpp"
#include "core/analysis/report.hpp"
#include "core/csv/number.hpp"
#include "core/stats/stats.hpp"

namespace skpi::analysis {
namespace {

struct Review {
  double weighted = 0, weights = 0;
  std::uint32_t agent = Dictionary::missing;
};

struct Criterion {
  double sum = 0, weight_sum = 0;
  std::uint64_t n = 0;
  std::uint64_t not_applicable = 0;  // wide files: N/A or empty cells of reviews that were scored
};

struct QaAccumulator {
  PerKey<Review> reviews;            // by review (interaction) id
  std::vector<Review> loose_reviews;  // rows without an id: one interaction each
  PerKey<Criterion> criteria;
  std::uint64_t rows = 0;

  void merge(const QaAccumulator& o) {
    rows += o.rows;
    reviews.merge(o.reviews, [](Review& a, const Review& b) {
      a.weighted += b.weighted;
      a.weights += b.weights;
      if (b.agent != Dictionary::missing) a.agent = b.agent;
    });
    loose_reviews.insert(loose_reviews.end(), o.loose_reviews.begin(), o.loose_reviews.end());
    criteria.merge(o.criteria, [](Criterion& a, const Criterion& b) {
      a.sum += b.sum;
      a.weight_sum += b.weight_sum;
      a.n += b.n;
      a.not_applicable += b.not_applicable;
    });
  }
};

class QaProcessor final : public Processor {
 public:
  explicit QaProcessor(Context& context) : context_(context), clock_(*context.options->zone) {
    const Mapping& m = *context.mapping;
    col_review_ = m.column(Role::ticket_id);
    col_criterion_ = m.column(Role::criterion);
    col_score_ = m.column(Role::score);
    col_weight_ = m.column(Role::weight);
    col_agent_ = m.column(Role::agent);
    date_role_ = m.has(Role::date) ? Role::date : Role::created_at;
    // Wide files: the criteria in column order, each with its own scale.
    for (const WideCriterion& criterion : m.criteria) {
      criteria_.id(m.columns[static_cast<std::size_t>(criterion.index)].name);
      wide_.push_back(criterion);
    }
    if (!wide_.empty()) {
      context.warnings.push_back("One row per review with " + std::to_string(wide_.size()) +
                                 " criterion columns: each criterion's scale becomes 0-100 (pass/yes = 100, fail/no = 0), "
                                 "criteria weigh the same, and N/A or empty cells are left out of the review's score.");
      return;
    }
    if (context.score_scale_factor != 1) {
      context.warnings.push_back("QA scores were rescaled to 0-100 (x" + std::to_string(static_cast<int>(context.score_scale_factor)) +
                                 (context.score_scale_offset != 0 ? ", 1 = 0" : "") + ").");
    }
  }

  void add(const std::string_view* f, std::size_t n, std::uint64_t row) override {
    if (!wide_.empty()) {
      add_wide(f, n, row);
      return;
    }
    Issues& issues = *context_.issues;
    const std::string_view text = Context::cell(f, n, col_score_);
    double score = 0;
    const Read read = read_number(text, context_.decimal, score);
    if (read == Read::ok) {
      score = score * context_.score_scale_factor + context_.score_scale_offset;
    } else {
      bool pass = false;
      const int verdict = classify_verdict(text);
      if (read_flag(text, pass) == Read::ok) {
        score = pass ? 100 : 0;
      } else if (verdict == 1 || verdict == 2) {
        score = verdict == 1 ? 100 : 0;
      } else {
        issues.skip(read == Read::bad ? Reason::value_bad_number : Reason::qa_no_score, row, col_score_);
        return;
      }
    }
    if (score < 0 || score > 100) {
      issues.skip(Reason::value_out_of_scale, row, col_score_);
      return;
    }
    double weight = 1;
    if (col_weight_ >= 0) {
      const Read weight_read = read_number(Context::cell(f, n, col_weight_), context_.decimal, weight);
      if (weight_read == Read::bad || (weight_read == Read::ok && weight <= 0)) {
        issues.cell(Reason::value_bad_number, row, col_weight_);
        weight = 1;
      } else if (weight_read == Read::missing) {
        weight = 1;
      }
    }
    QaAccumulator* const target = route_row(context_, review_day(f, n), row, main_, compare_, half_);
    if (!target) return;
    QaAccumulator& a = *target;
    ++a.rows;
    std::uint32_t agent = Dictionary::missing;
    if (col_agent_ >= 0) {
      const std::string_view value = trim(Context::cell(f, n, col_agent_));
      if (!value.empty() && !TimeColumn::is_missing(value)) agent = agents_.id(value);
    }
    Review* review = nullptr;
    const std::string_view id = col_review_ >= 0 ? trim(Context::cell(f, n, col_review_)) : std::string_view();
    if (!id.empty()) {
      review = &a.reviews[reviews_.id(id)];
    } else {
      a.loose_reviews.emplace_back();
      review = &a.loose_reviews.back();
    }
    review->weighted += weight * score;
    review->weights += weight;
    if (agent != Dictionary::missing) review->agent = agent;
    if (col_criterion_ >= 0) {
      const std::string_view name = trim(Context::cell(f, n, col_criterion_));
      if (!name.empty()) {
        Criterion& criterion = a.criteria[criteria_.id(name)];
        criterion.sum += score;
        criterion.weight_sum += weight;
        ++criterion.n;
      }
    }
  }

  std::uint64_t records() const override { return main_.rows + compare_.rows + half_.rows; }

  // One review per row: every criterion cell on its own scale, N/A cells left out.
  void add_wide(const std::string_view* f, std::size_t n, std::uint64_t row) {
    Issues& issues = *context_.issues;
    scored_.clear();
    for (std::size_t k = 0; k < wide_.size(); ++k) {
      const WideCriterion& criterion = wide_[k];
      const std::string_view text = trim(Context::cell(f, n, criterion.index));
      if (text.empty() || TimeColumn::is_missing(text) || is_not_applicable(text)) continue;
      double score = 0;
      double number = 0;
      bool pass = false;
      if (read_number(text, context_.decimal, number) == Read::ok) {
        if (number < criterion.low || number > criterion.high) {
          issues.cell(Reason::value_out_of_scale, row, criterion.index);
          continue;
        }
        score = (number - criterion.low) / (criterion.high - criterion.low) * 100;
      } else if (const auto percent = csv::parse_number_or_percent(text, context_.decimal); percent && percent->percent) {
        if (percent->value < 0 || percent->value > 100) {
          issues.cell(Reason::value_out_of_scale, row, criterion.index);
          continue;
        }
        score = percent->value;
      } else if (read_flag(text, pass) == Read::ok) {
        score = pass ? 100 : 0;
      } else if (const int verdict = classify_verdict(text); verdict == 1 || verdict == 2) {
        score = verdict == 1 ? 100 : 0;
      } else {
        issues.cell(Reason::value_bad_number, row, criterion.index);
        continue;
      }
      scored_.emplace_back(static_cast<std::uint32_t>(k), score);
    }
    if (scored_.empty()) {
      issues.skip(Reason::qa_no_score, row);
      return;
    }
    QaAccumulator* const target = route_row(context_, review_day(f, n), row, main_, compare_, half_);
    if (!target) return;
    QaAccumulator& a = *target;
    ++a.rows;
    a.loose_reviews.emplace_back();
    Review& review = a.loose_reviews.back();
    if (col_agent_ >= 0) {
      const std::string_view value = trim(Context::cell(f, n, col_agent_));
      if (!value.empty() && !TimeColumn::is_missing(value)) review.agent = agents_.id(value);
    }
    for (std::uint32_t k = 0; k < wide_.size(); ++k) ++a.criteria[k].not_applicable;  // undone below for scored cells
    for (const auto& [k, score] : scored_) {
      review.weighted += score;
      review.weights += 1;
      Criterion& criterion = a.criteria[k];
      criterion.sum += score;
      criterion.weight_sum += 1;
      ++criterion.n;
      --criterion.not_applicable;
    }
  }

  static bool is_not_applicable(std::string_view text) {
    std::string lower(text);
    for (char& c : lower) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
    return lower == "not applicable" || lower == "n.a" || lower == "na." || lower == "not rated" || lower == "skip" ||
           lower == "skipped";
  }

  void report(json& metrics, json& comparison, json&) override {
    main_.merge(half_);
    half_ = QaAccumulator{};  // merged: records() must not count it twice
    metrics = build(main_);
    if (context_.comparing()) comparison["metrics"] = compare_metrics(build(compare_), metrics);
  }

 private:
  // The review's day when a period is set (only then is the date read), else no_time.
  std::int64_t review_day(const std::string_view* f, std::size_t n) {
    if (!context_.filtering()) return no_time;
    TimeColumn& date = context_.times[static_cast<std::size_t>(date_role_)];
    std::int64_t millis = 0;
    return date.valid() && date.read(Context::cell(f, n, date.index()), millis) == Read::ok ? clock_.day(millis) : no_time;
  }

  json build(QaAccumulator& a) {
    std::vector<double> scores;
    struct AgentTotal {
      double sum = 0;
      std::uint64_t n = 0;
    };
    PerKey<AgentTotal> by_agent;
    auto take = [&](const Review& review) {
      if (review.weights <= 0) return;
      const double score = review.weighted / review.weights;
      scores.push_back(score);
      if (review.agent != Dictionary::missing) {
        AgentTotal& total = by_agent[review.agent];
        total.sum += score;
        ++total.n;
      }
    };
    for (std::uint32_t id = 0; id < a.reviews.size(); ++id) take(*a.reviews.find(id));
    for (const Review& review : a.loose_reviews) take(review);
    json metrics = json::object();
    if (scores.empty()) {
      metrics["iqs"] = json{{"value", nullptr}, {"n", 0}};
      return metrics;
    }
    const stats::Moments moments = stats::moments(scores);
    json iqs{{"value", number(moments.mean)}, {"n", scores.size()}, {"mean", number(moments.mean)}, {"rows", a.rows}};
    if (scores.size() > 1) {
      const stats::Interval ci = stats::mean_interval(moments.mean, std::sqrt(moments.variance), moments.n);
      iqs["ci"] = json{{"low", number(ci.low)}, {"high", number(ci.high)}, {"level", 0.95}};
      iqs["sd"] = number(std::sqrt(moments.variance));
    }
    json criteria = json::array();
    for (std::uint32_t id = 0; id < a.criteria.size(); ++id) {
      const Criterion& criterion = *a.criteria.find(id);
      if (!criterion.n) continue;
      json item{{"criterion", std::string(criteria_.name(id))},
                {"value", number(criterion.sum / static_cast<double>(criterion.n))},
                {"n", criterion.n},
                {"weight", number(criterion.weight_sum / static_cast<double>(criterion.n))}};
      if (id < wide_.size()) {
        item["scale"] = wide_[id].scale;
        item["not_applicable"] = criterion.not_applicable;
      }
      criteria.push_back(std::move(item));
    }
    iqs["by_criterion"] = criteria;
    json agents = json::array();
    for (std::uint32_t id = 0; id < by_agent.size(); ++id) {
      const AgentTotal& total = *by_agent.find(id);
      if (!total.n) continue;
      agents.push_back(json{{"agent", std::string(agents_.name(id))}, {"value", number(total.sum / static_cast<double>(total.n))}, {"n", total.n}});
    }
    iqs["by_agent"] = std::move(agents);
    iqs["interactions"] = !wide_.empty() ? "each row is one review (one column per criterion)"
                          : col_review_ >= 0 ? "rows grouped by the review / ticket id" : "each row is one interaction";
    if (!wide_.empty()) iqs["weights"] = "equal";
    metrics["iqs"] = iqs;
    return metrics;
  }

  Context& context_;
  LocalClock clock_;
  int col_review_, col_criterion_, col_score_, col_weight_, col_agent_;
  Role date_role_;
  std::vector<WideCriterion> wide_;
  std::vector<std::pair<std::uint32_t, double>> scored_;  // (criterion, 0-100 score) of the current row
  Dictionary reviews_, criteria_{10000}, agents_{10000};
  QaAccumulator main_, compare_, half_;
};

}  // namespace

std::unique_ptr<Processor> make_qa_processor(Context& context) { return std::make_unique<QaProcessor>(context); }

}  // namespace skpi::analysis
