// Aggregated report files (Chatwoot's agent / inbox / team / label report CSVs, and the like): each
// row already holds a group's conversation count and average times. They are reported as given, one
// table row per group, with overall averages weighted by the counts where the file has them; no
// ticket-level figure (medians, FCR, backlog) is invented from them.
#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include "core/analysis/kinds.hpp"
#include "core/analysis/report.hpp"

namespace skpi::analysis {
namespace {

constexpr double absent = std::numeric_limits<double>::quiet_NaN();

class AggregateProcessor final : public Processor {
 public:
  explicit AggregateProcessor(Context& context) : context_(context) {
    const Mapping& m = *context.mapping;
    for (Role role : {Role::agent, Role::channel, Role::group, Role::category}) {
      if (m.has(role)) {
        name_role_ = role;
        col_name_ = m.column(role);
        break;
      }
    }
    col_conversations_ = m.column(Role::conversations);
    col_resolutions_ = m.column(Role::resolutions);
    const Role averages[] = {Role::avg_first_response_time, Role::avg_resolution_time, Role::avg_reply_time, Role::avg_waiting_time};
    for (std::size_t k = 0; k < 4; ++k) {
      col_average_[k] = m.column(averages[k]);
      unit_[k] = m.unit(averages[k]);
      if (col_average_[k] >= 0 && unit_[k] == 1 && !header_names_unit(m.columns[static_cast<std::size_t>(col_average_[k])].name)) {
        unitless_[k] = true;
      }
    }
  }

  void add(const std::string_view* f, std::size_t n, std::uint64_t row) override {
    Issues& issues = *context_.issues;
    Row item;
    if (col_name_ >= 0) item.name = std::string(trim(Context::cell(f, n, col_name_)));
    auto count = [&](int column) {
      if (column < 0) return absent;
      double value = 0;
      const Read read = read_number(Context::cell(f, n, column), context_.decimal, value);
      if (read == Read::ok && value >= 0) return value;
      if (read != Read::missing) issues.cell(Reason::value_bad_number, row, column);
      return absent;
    };
    item.conversations = count(col_conversations_);
    item.resolutions = count(col_resolutions_);
    for (std::size_t k = 0; k < 4; ++k) {
      if (col_average_[k] < 0) continue;
      const std::string_view text = trim(Context::cell(f, n, col_average_[k]));
      double seconds = 0;
      const Read read = read_duration(text, context_.decimal, unit_[k], seconds);
      if (read == Read::ok && seconds >= 0) {
        item.average[k] = seconds;
        if (unit_[k] == 60 && seconds == std::floor(seconds / 60) * 60) ++whole_minutes_[k];
        ++values_[k];
        if (text.find_first_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ") != std::string_view::npos) worded_ = true;
        else if (unitless_[k]) unitless_seen_[k] = true;
      } else if (read == Read::bad) {
        issues.cell(Reason::value_bad_duration, row, col_average_[k]);
      }
    }
    if (rows_.size() < max_rows) rows_.push_back(std::move(item));
    else ++rows_left_out_;
  }

  std::uint64_t records() const override { return rows_.size(); }

  void report(json& metrics, json&, json&) override {
    const Mapping& m = *context_.mapping;
    static const char* names[] = {"first_response", "resolution", "reply_time", "customer_waiting_time"};
    static const char* row_keys[] = {"first_response_mean", "resolution_mean", "reply_time_mean", "customer_waiting_time_mean"};
    const char* group_by = name_role_ == Role::agent ? "agent" : name_role_ == Role::channel ? "channel" : name_role_ == Role::group ? "group"
                         : name_role_ == Role::category ? "category" : "row";
    json info{{"source", "aggregated report: figures per group as exported, not recomputed from tickets"}, {"group_by", group_by}};
    if (col_name_ >= 0) info["group_column"] = m.columns[static_cast<std::size_t>(col_name_)].name;
    if (!context_.preamble.empty()) info["period"] = context_.preamble.front();
    metrics["report"] = info;
    metrics["groups"] = json{{"value", rows_.size()}, {"n", rows_.size()}};

    auto total = [&](double Row::*field) {
      double sum = 0;
      std::uint64_t n = 0;
      for (const Row& row : rows_) {
        if (std::isnan(row.*field)) continue;
        sum += row.*field;
        ++n;
      }
      return std::make_pair(sum, n);
    };
    if (col_conversations_ >= 0) {
      const auto [sum, n] = total(&Row::conversations);
      json figure{{"value", number(sum)}, {"n", n}, {"column", m.columns[static_cast<std::size_t>(col_conversations_)].name}};
      if (name_role_ == Role::category)
        figure["note"] = "a conversation with several labels is counted once per label: the total may exceed the conversations";
      if (name_role_ == Role::agent) figure["note"] = "conversations without an assignee are in no agent's row";
      metrics["conversations"] = figure;
    }
    if (col_resolutions_ >= 0) {
      const auto [sum, n] = total(&Row::resolutions);
      metrics["resolutions"] = json{{"value", number(sum)}, {"n", n}, {"column", m.columns[static_cast<std::size_t>(col_resolutions_)].name}};
    }

    // Overall averages: Σ count·average / Σ count over the rows that have both. Resolution time is
    // weighted by the resolved count when the file has one (it averages over resolved conversations).
    for (std::size_t k = 0; k < 4; ++k) {
      if (col_average_[k] < 0) continue;
      const bool by_resolutions = k == 1 && col_resolutions_ >= 0;
      double Row::*weight_field = by_resolutions ? &Row::resolutions : &Row::conversations;
      double weighted = 0, weights = 0;
      std::uint64_t rows_used = 0, rows_with_value = 0;
      double plain_sum = 0;
      for (const Row& row : rows_) {
        if (std::isnan(row.average[k])) continue;
        ++rows_with_value;
        plain_sum += row.average[k];
        const double weight = row.*weight_field;
        if (std::isnan(weight) || weight <= 0) continue;
        weighted += weight * row.average[k];
        weights += weight;
        ++rows_used;
      }
      json figure{{"unit", "seconds"}, {"column", m.columns[static_cast<std::size_t>(col_average_[k])].name}, {"rows", rows_with_value}};
      if (weights > 0) {
        figure["mean"] = number(weighted / weights);
        figure["n"] = number(weights);
        figure["weighted_by"] = m.columns[static_cast<std::size_t>(by_resolutions ? col_resolutions_ : col_conversations_)].name;
        figure["rows_weighted"] = rows_used;
        figure["note"] = k == 0 ? "approximate: each row's average is weighted by its conversations, though it averages over the conversations that got a reply"
                                : "weighted mean of the rows' averages";
      } else if (rows_with_value > 0 && col_conversations_ < 0) {
        figure["mean_of_rows"] = number(plain_sum / static_cast<double>(rows_with_value));
        figure["n"] = rows_with_value;
        figure["note"] = "no counts to weight by: unweighted mean of the rows' averages";
      } else {
        figure["mean"] = nullptr;
        figure["n"] = 0;
      }
      metrics[names[k]] = figure;
    }

    json table = json::array();
    for (const Row& row : rows_) {
      json item = json::object();
      item[name_role_ == Role::agent ? "agent" : "name"] = row.name;
      if (!std::isnan(row.conversations)) item[name_role_ == Role::agent ? "handled" : "conversations"] = number(row.conversations);
      if (!std::isnan(row.resolutions)) item["resolved"] = number(row.resolutions);
      for (std::size_t k = 0; k < 4; ++k) {
        if (col_average_[k] >= 0) item[row_keys[k]] = std::isnan(row.average[k]) ? json(nullptr) : number(row.average[k]);
      }
      table.push_back(std::move(item));
    }
    metrics[name_role_ == Role::agent ? "agents" : std::string("by_") + group_by] = std::move(table);

    if (worded_) {
      context_.warnings.push_back("Average times are written as words (\"1 hour 5 minutes\"); Chatwoot keeps only the two largest units, so they "
                                  "are rounded down and the overall averages carry that rounding.");
    }
    for (std::size_t k = 0; k < 4; ++k) {
      if (values_[k] > 1 && whole_minutes_[k] == values_[k]) {
        context_.warnings.push_back("Column \"" + m.columns[static_cast<std::size_t>(col_average_[k])].name +
                                    "\" holds whole minutes (Chatwoot's older reports round down): averages can be up to a minute low.");
      }
      if (unitless_seen_[k]) {
        context_.warnings.push_back("Column \"" + m.columns[static_cast<std::size_t>(col_average_[k])].name +
                                    "\" holds plain numbers and its header names no unit: they were read as seconds.");
      }
    }
    if (rows_left_out_) context_.warnings.push_back(std::to_string(rows_left_out_) + " rows beyond the first " + std::to_string(max_rows) + " were not listed.");
    context_.warnings.push_back("This file is a report of figures already computed per group, not one row per ticket: medians, FCR, backlog and "
                                "rates that need ticket rows cannot be derived from it.");
  }

 private:
  static constexpr std::size_t max_rows = 100000;
  struct Row {
    std::string name;
    double conversations = absent, resolutions = absent;
    double average[4] = {absent, absent, absent, absent};
  };

  static bool header_names_unit(const std::string& header) {
    const std::string padded = " " + normalize_header(header) + " ";
    for (const char* word : {" seconds ", " second ", " sec ", " secs ", " minutes ", " minute ", " min ", " mins ", " hours ", " hour ",
                             " hrs ", " hr ", " days ", " day "}) {
      if (padded.find(word) != std::string::npos) return true;
    }
    return false;
  }

  Context& context_;
  Role name_role_ = Role::none;
  int col_name_ = -1, col_conversations_ = -1, col_resolutions_ = -1;
  int col_average_[4] = {-1, -1, -1, -1};
  double unit_[4] = {1, 1, 1, 1};
  bool unitless_[4] = {false, false, false, false};
  bool unitless_seen_[4] = {false, false, false, false};
  bool worded_ = false;
  std::uint64_t values_[4] = {0, 0, 0, 0}, whole_minutes_[4] = {0, 0, 0, 0};
  std::vector<Row> rows_;
  std::uint64_t rows_left_out_ = 0;
};

}  // namespace

std::unique_ptr<Processor> make_aggregate_processor(Context& context) { return std::make_unique<AggregateProcessor>(context); }

}  // namespace skpi::analysis
