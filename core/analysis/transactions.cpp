// Purchase files: customers, revenue, revenue per customer (historical CLV), repeat-customer share,
// and period-over-period retention and churn (a customer is active in a period when it bought then).
#include <algorithm>
#include <cmath>

#include "core/analysis/dictionary.hpp"
#include "core/analysis/kinds.hpp"
#include "core/analysis/report.hpp"

namespace skpi::analysis {
namespace {

struct Customer {
  std::uint32_t transactions = 0;
  double revenue = 0;
  std::int32_t first_period = INT32_MAX;
  std::int32_t last_period = INT32_MIN;
};

// Period index of a day: months since 1970-01 divided by the period length in months.
int period_of_day(std::int64_t day, int months) {
  const int key = month_key_of_day(day);  // year * 12 + month - 1
  return static_cast<int>(LocalClock::floor_div(key, months));
}

std::string period_text(int period, int months) {
  const int key = period * months;
  if (months == 12) return std::to_string(key / 12);
  if (months == 3) return std::to_string(key / 12) + "-Q" + std::to_string(key % 12 / 3 + 1);
  return month_text(key);
}

struct TransactionAccumulator {
  std::uint64_t transactions = 0;
  double revenue = 0, quantity = 0;
  std::uint64_t quantity_n = 0, no_date = 0;
  QuantileStore amounts;
  PerKey<Customer> customers;
  KeySet customer_days;     // (customer, day): distinct purchase days
  KeySet customer_periods;  // (customer, period): activity per period
  SeriesSums revenue_by_period, transactions_by_period;

  void merge(const TransactionAccumulator& o) {
    transactions += o.transactions;
    revenue += o.revenue;
    quantity += o.quantity;
    quantity_n += o.quantity_n;
    no_date += o.no_date;
    amounts.merge(o.amounts);
    customers.merge(o.customers, [](Customer& a, const Customer& b) {
      a.transactions += b.transactions;
      a.revenue += b.revenue;
      a.first_period = std::min(a.first_period, b.first_period);
      a.last_period = std::max(a.last_period, b.last_period);
    });
    customer_days.merge(o.customer_days);
    customer_periods.merge(o.customer_periods);
    revenue_by_period.merge(o.revenue_by_period);
    transactions_by_period.merge(o.transactions_by_period);
  }
};

class TransactionProcessor final : public Processor {
 public:
  explicit TransactionProcessor(Context& context) : context_(context), clock_(*context.options->zone) {
    const Mapping& m = *context.mapping;
    col_customer_ = m.column(Role::customer_id);
    col_amount_ = m.column(Role::amount);
    col_quantity_ = m.column(Role::quantity);
    date_role_ = m.has(Role::date) ? Role::date : m.has(Role::created_at) ? Role::created_at : Role::none;
    months_ = context.options->retention_months;
  }

  void add(const std::string_view* f, std::size_t n, std::uint64_t row) override {
    Issues& issues = *context_.issues;
    const std::string_view customer_text = trim(Context::cell(f, n, col_customer_));
    if (customer_text.empty() || TimeColumn::is_missing(customer_text)) {
      issues.skip(Reason::transaction_no_customer, row, col_customer_);
      return;
    }
    double amount = 0;
    if (col_amount_ >= 0) {
      const Read read = read_number(Context::cell(f, n, col_amount_), context_.decimal, amount);
      if (read != Read::ok) {
        issues.skip(read == Read::bad ? Reason::value_bad_number : Reason::transaction_no_amount, row, col_amount_);
        return;
      }
    }
    std::int64_t day = no_time;
    if (date_role_ != Role::none) {
      TimeColumn& date = context_.times[static_cast<std::size_t>(date_role_)];
      std::int64_t millis = 0;
      const Read read = date.read(Context::cell(f, n, date.index()), millis);
      if (read == Read::ok) day = clock_.day(millis);
      else if (read == Read::bad) issues.cell(Reason::value_bad_timestamp, row, date.index());
    }
    TransactionAccumulator* target = &main_;
    if (context_.filtering()) {
      const int route = day == no_time ? -1 : context_.route(day);
      if (route < 0) {
        issues.skip(Reason::row_outside_period, row);
        return;
      }
      target = route == 0 ? &main_ : &compare_;
    }
    if (target == &main_ && context_.split(row)) target = &half_;
    TransactionAccumulator& a = *target;
    const std::uint32_t id = customer_ids_.id(customer_text);
    ++a.transactions;
    a.revenue += amount;
    if (col_amount_ >= 0) a.amounts.add(amount);
    if (col_quantity_ >= 0) {
      double quantity = 0;
      if (read_number(Context::cell(f, n, col_quantity_), context_.decimal, quantity) == Read::ok) {
        a.quantity += quantity;
        ++a.quantity_n;
      }
    }
    Customer& customer = a.customers[id];
    ++customer.transactions;
    customer.revenue += amount;
    if (day != no_time) {
      const int period = period_of_day(day, months_);
      customer.first_period = std::min(customer.first_period, period);
      customer.last_period = std::max(customer.last_period, period);
      a.customer_days.insert((static_cast<std::uint64_t>(id) << 24) | static_cast<std::uint64_t>((day + (1 << 22)) & 0xFFFFFF));
      a.customer_periods.insert((static_cast<std::uint64_t>(id) << 20) | static_cast<std::uint64_t>((period + (1 << 18)) & 0xFFFFF));
      a.revenue_by_period.add(period, amount);
      a.transactions_by_period.add(period);
    } else {
      ++a.no_date;
    }
  }

  std::uint64_t records() const override { return main_.transactions + compare_.transactions + half_.transactions; }

  void report(json& metrics, json& comparison, json&) override {
    main_.merge(half_);
    half_ = TransactionAccumulator{};  // merged: records() must not count it twice
    metrics = build(main_);
    if (context_.comparing()) comparison["metrics"] = compare_metrics(build(compare_), metrics);
  }

 private:
  json build(TransactionAccumulator& a) {
    json metrics = json::object();
    std::uint64_t customers = 0, repeat = 0;
    std::vector<std::uint32_t> days_per_customer(a.customers.size(), 0);
    a.customer_days.for_each([&](std::uint64_t key) {
      const std::uint64_t id = key >> 24;
      if (id < days_per_customer.size()) ++days_per_customer[id];
    });
    std::uint64_t repeat_days = 0, dated_customers = 0;
    for (std::uint32_t id = 0; id < a.customers.size(); ++id) {
      const Customer& customer = *a.customers.find(id);
      if (!customer.transactions) continue;
      ++customers;
      repeat += customer.transactions >= 2;
      if (days_per_customer[id]) {
        ++dated_customers;
        repeat_days += days_per_customer[id] >= 2;
      }
    }
    metrics["customers"] = json{{"value", customers}, {"n", a.transactions}};
    metrics["transactions"] = json{{"value", a.transactions}, {"n", a.transactions}};
    if (col_amount_ >= 0) {
      metrics["revenue"] = json{{"value", number(a.revenue)}, {"n", a.transactions}};
      json order = summary_json(a.amounts);
      metrics["order_value"] = order;
      const double per_customer = customers ? a.revenue / static_cast<double>(customers) : 0;
      metrics["clv"] = json{{"value", number(per_customer * context_.options->gross_margin)},
                            {"n", customers},
                            {"model", "historical"},
                            {"revenue_per_customer", number(per_customer)},
                            {"gross_margin", number(context_.options->gross_margin)},
                            {"transactions_per_customer", number(customers ? static_cast<double>(a.transactions) / static_cast<double>(customers) : 0)}};
    }
    if (col_quantity_ >= 0) metrics["quantity"] = json{{"value", number(a.quantity)}, {"n", a.quantity_n}};
    json repeat_figure = share(repeat, customers);
    repeat_figure["definition"] = "customers with 2 or more transactions (rows)";
    if (dated_customers) {
      json by_days = share(repeat_days, dated_customers);
      by_days["definition"] = "customers who bought on 2 or more distinct days";
      repeat_figure["distinct_days"] = by_days;
    }
    metrics["repeat_customers"] = repeat_figure;

    // Retention and churn, period over period.
    if (!a.revenue_by_period.empty()) {
      const std::int64_t first = a.revenue_by_period.first_key(), last = a.revenue_by_period.last_key();
      const std::size_t periods = static_cast<std::size_t>(last - first + 1);
      std::vector<std::uint64_t> active(periods, 0), retained(periods, 0), fresh(periods, 0);
      a.customer_periods.for_each([&](std::uint64_t key) {
        const std::int64_t period = static_cast<std::int64_t>(key & 0xFFFFF) - (1 << 18);
        const std::uint64_t id = key >> 20;
        if (period < first || period > last) return;
        ++active[static_cast<std::size_t>(period - first)];
        const std::uint64_t previous = (id << 20) | static_cast<std::uint64_t>((period - 1 + (1 << 18)) & 0xFFFFF);
        if (period > first && a.customer_periods.contains(previous)) ++retained[static_cast<std::size_t>(period - first)];
      });
      for (std::uint32_t id = 0; id < a.customers.size(); ++id) {
        const Customer& customer = *a.customers.find(id);
        if (customer.transactions && customer.first_period != INT32_MAX && customer.first_period >= first && customer.first_period <= last)
          ++fresh[static_cast<std::size_t>(customer.first_period - first)];
      }
      json series = json::array();
      std::uint64_t retained_total = 0, start_total = 0;
      for (std::size_t i = 0; i < periods; ++i) {
        json item{{"period", period_text(static_cast<int>(first) + static_cast<int>(i), months_)},
                  {"active", active[i]},
                  {"new", fresh[i]},
                  {"transactions", number(a.transactions_by_period.at(first + static_cast<std::int64_t>(i)))},
                  {"revenue", number(a.revenue_by_period.at(first + static_cast<std::int64_t>(i)))}};
        if (i > 0) {
          const std::uint64_t start = active[i - 1];
          item["start"] = start;
          item["retained"] = retained[i];
          item["retention"] = start ? number(100.0 * static_cast<double>(retained[i]) / static_cast<double>(start)) : json(nullptr);
          item["churn"] = start ? number(100.0 - 100.0 * static_cast<double>(retained[i]) / static_cast<double>(start)) : json(nullptr);
          retained_total += retained[i];
          start_total += start;
        }
        series.push_back(item);
      }
      const char* period_name = months_ == 1 ? "month" : months_ == 3 ? "quarter" : "year";
      json retention = share(retained_total, start_total);
      retention["period"] = period_name;
      retention["definition"] = "customers active in a period who are active again in the next one, pooled over all consecutive periods";
      retention["series"] = series;
      metrics["retention"] = retention;
      json churn = share(start_total - retained_total, start_total);
      churn["period"] = period_name;
      churn["definition"] = "100 - retention: customers active in a period who do not buy in the next one";
      metrics["churn"] = churn;
    }
    if (a.no_date) metrics["undated_transactions"] = json{{"value", a.no_date}};
    return metrics;
  }

  Context& context_;
  LocalClock clock_;
  int col_customer_, col_amount_, col_quantity_;
  Role date_role_;
  int months_ = 1;
  Dictionary customer_ids_;
  TransactionAccumulator main_, compare_, half_;
};

}  // namespace

std::unique_ptr<Processor> make_transaction_processor(Context& context) { return std::make_unique<TransactionProcessor>(context); }

}  // namespace skpi::analysis
