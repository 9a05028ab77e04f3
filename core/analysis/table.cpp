// Files no kind fits (e.g. per-customer summaries): every column is read, numeric columns are
// summarised (n, mean, median, p90, min, max, sum), text columns get their distinct values counted.
#include <algorithm>

#include "core/analysis/dictionary.hpp"
#include "core/analysis/kinds.hpp"
#include "core/analysis/report.hpp"

namespace skpi::analysis {
namespace {

class TableProcessor final : public Processor {
 public:
  explicit TableProcessor(Context& context) : context_(context) {
    const std::size_t width = context.mapping->columns.size();
    numeric_.resize(width);
    stores_.resize(width);
    missing_.assign(width, 0);
    bad_.assign(width, 0);
    for (std::size_t c = 0; c < width; ++c) {
      const std::string& type = context.mapping->columns[c].type;
      numeric_[c] = type == "number";
      texts_.emplace_back(1000);
      text_counts_.emplace_back();
    }
  }

  void add(const std::string_view* f, std::size_t n, std::uint64_t row) override {
    ++rows_;
    for (std::size_t c = 0; c < numeric_.size(); ++c) {
      const std::string_view text = c < n ? f[c] : std::string_view();
      if (numeric_[c]) {
        double value = 0;
        const Read read = read_number(text, context_.decimal, value);
        if (read == Read::ok) stores_[c].add(value);
        else if (read == Read::missing) ++missing_[c];
        else {
          ++bad_[c];
          context_.issues->cell(Reason::value_bad_number, row, static_cast<int>(c));
        }
      } else {
        const std::string_view value = trim(text);
        if (value.empty() || TimeColumn::is_missing(value)) {
          ++missing_[c];
          continue;
        }
        ++text_counts_[c][texts_[c].id(value)];
      }
    }
  }

  std::uint64_t records() const override { return rows_; }

  void report(json& metrics, json&, json&) override {
    json columns = json::array();
    for (std::size_t c = 0; c < numeric_.size(); ++c) {
      json item{{"name", context_.mapping->columns[c].name}, {"missing", missing_[c]}};
      if (numeric_[c]) {
        json summary = summary_json(stores_[c]);
        summary["sum"] = number(stores_[c].empty() ? 0 : stores_[c].summarize().sum);
        item["type"] = "number";
        item.update(summary);
        if (bad_[c]) item["not_numbers"] = bad_[c];
      } else {
        item["type"] = context_.mapping->columns[c].type == "timestamp" ? "timestamp" : "text";
        std::uint64_t n = 0;
        std::vector<std::pair<std::uint64_t, std::uint32_t>> order;
        for (std::uint32_t id = 0; id < text_counts_[c].size(); ++id) {
          const std::uint64_t count = *text_counts_[c].find(id);
          n += count;
          if (count) order.emplace_back(count, id);
        }
        std::stable_sort(order.begin(), order.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
        item["n"] = n;
        item["distinct"] = texts_[c].size() + (texts_[c].overflowed() ? 1 : 0);
        json top = json::array();
        for (std::size_t i = 0; i < order.size() && i < 10; ++i)
          top.push_back(json{{"value", std::string(texts_[c].name(order[i].second))}, {"count", order[i].first}});
        item["top"] = top;
      }
      columns.push_back(std::move(item));
    }
    metrics["rows"] = json{{"value", rows_}, {"n", rows_}};
    metrics["columns"] = columns;
  }

 private:
  Context& context_;
  std::vector<bool> numeric_;
  std::vector<QuantileStore> stores_;
  std::vector<std::uint64_t> missing_, bad_;
  std::vector<Dictionary> texts_;
  std::vector<PerKey<std::uint64_t>> text_counts_;
  std::uint64_t rows_ = 0;
};

}  // namespace

std::unique_ptr<Processor> make_table_processor(Context& context) { return std::make_unique<TableProcessor>(context); }

}  // namespace skpi::analysis
