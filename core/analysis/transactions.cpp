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
  std::uint64_t returns = 0;  // lines with a negative amount (cancellations, returns, discounts)
  double returns_amount = 0;
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
    returns += o.returns;
    returns_amount += o.returns_amount;
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

// One row per customer (start / end dates, a churn flag, tenure, monthly revenue): churn and
// retention overall and per period with the CRR of spec/metrics.md ((E − N) / S), MRR and ARPU.
struct CustomerTableAccumulator {
  std::uint64_t customers = 0, churned = 0, churn_known = 0;
  double revenue = 0, recurring = 0, active_recurring = 0;
  std::uint64_t revenue_n = 0, recurring_n = 0, active_n = 0;
  QuantileStore tenure;
  // per period: starts, ends of customers who were there at the period's start, ends of those who
  // started in it; customers without a start date count as there from the beginning
  SeriesSums starts, ends_of_existing, ends_of_new;
  std::uint64_t undated_start = 0;
  struct Segment {
    std::uint64_t customers = 0, churned = 0, churn_known = 0;
  };
  std::vector<PerKey<Segment>> segments;

  void merge(const CustomerTableAccumulator& o) {
    customers += o.customers;
    churned += o.churned;
    churn_known += o.churn_known;
    revenue += o.revenue;
    recurring += o.recurring;
    active_recurring += o.active_recurring;
    revenue_n += o.revenue_n;
    recurring_n += o.recurring_n;
    active_n += o.active_n;
    tenure.merge(o.tenure);
    starts.merge(o.starts);
    ends_of_existing.merge(o.ends_of_existing);
    ends_of_new.merge(o.ends_of_new);
    undated_start += o.undated_start;
    if (segments.size() < o.segments.size()) segments.resize(o.segments.size());
    for (std::size_t s = 0; s < o.segments.size(); ++s) {
      segments[s].merge(o.segments[s], [](Segment& a, const Segment& b) {
        a.customers += b.customers;
        a.churned += b.churned;
        a.churn_known += b.churn_known;
      });
    }
  }
};

class CustomerTableProcessor final : public Processor {
 public:
  explicit CustomerTableProcessor(Context& context) : context_(context), clock_(*context.options->zone) {
    const Mapping& m = *context.mapping;
    col_customer_ = m.column(Role::customer_id);
    col_churned_ = m.column(Role::churned);
    col_tenure_ = m.column(Role::tenure);
    col_recurring_ = m.column(Role::recurring_revenue);
    col_amount_ = m.column(Role::amount);
    months_ = context.options->retention_months;
    for (Role role : {Role::segment, Role::category, Role::channel, Role::group}) {
      if (m.has(role)) segment_columns_.push_back(std::make_pair(role, m.column(role)));
    }
    segment_names_.resize(segment_columns_.size(), Dictionary(10000, &TimeColumn::is_missing));
    for (CustomerTableAccumulator* a : {&main_, &half_}) a->segments.resize(segment_columns_.size());
  }

  void add(const std::string_view* f, std::size_t n, std::uint64_t row) override {
    Issues& issues = *context_.issues;
    if (col_customer_ >= 0) {
      const std::string_view id = trim(Context::cell(f, n, col_customer_));
      if (id.empty() || TimeColumn::is_missing(id)) {
        issues.skip(Reason::transaction_no_customer, row, col_customer_);
        return;
      }
    }
    auto time_of = [&](Role role) -> std::int64_t {
      TimeColumn& column = context_.times[static_cast<std::size_t>(role)];
      if (!column.valid()) return no_time;
      std::int64_t millis = 0;
      const Read read = column.read(Context::cell(f, n, column.index()), millis);
      if (read == Read::ok) return millis;
      if (read == Read::bad) issues.cell(Reason::value_bad_timestamp, row, column.index());
      return no_time;
    };
    const std::int64_t start = time_of(Role::start_date);
    const std::int64_t end = time_of(Role::end_date);
    CustomerTableAccumulator& a = context_.split(row) ? half_ : main_;
    ++a.customers;
    int churn = -1;  // -1 unknown
    if (col_churned_ >= 0) {
      bool flag = false;
      if (read_flag(Context::cell(f, n, col_churned_), flag) == Read::ok) churn = flag;
      else if (!trim(Context::cell(f, n, col_churned_)).empty()) issues.cell(Reason::value_bad_number, row, col_churned_);
    }
    if (churn < 0 && context_.mapping->has(Role::end_date)) churn = end != no_time;
    if (churn >= 0) {
      ++a.churn_known;
      a.churned += churn;
    }
    double value = 0;
    if (col_tenure_ >= 0 && read_number(Context::cell(f, n, col_tenure_), context_.decimal, value) == Read::ok) a.tenure.add(value);
    if (col_amount_ >= 0 && read_money(Context::cell(f, n, col_amount_), context_.decimal, value) == Read::ok) {
      a.revenue += value;
      ++a.revenue_n;
    }
    if (col_recurring_ >= 0 && read_money(Context::cell(f, n, col_recurring_), context_.decimal, value) == Read::ok) {
      a.recurring += value;
      ++a.recurring_n;
      if (churn != 1) {
        a.active_recurring += value;
        ++a.active_n;
      }
    }
    for (std::size_t s = 0; s < segment_columns_.size(); ++s) {
      const std::string_view text = trim(Context::cell(f, n, segment_columns_[s].second));
      if (text.empty()) continue;
      const std::uint32_t id = segment_names_[s].id(text);
      if (id == Dictionary::missing) continue;
      CustomerTableAccumulator::Segment& segment = a.segments[s][id];
      ++segment.customers;
      if (churn >= 0) {
        ++segment.churn_known;
        segment.churned += churn;
      }
    }
    // Periods (months by default) from the dates.
    const bool has_start = start != no_time;
    const int start_period = has_start ? period_of_day(clock_.day(start), months_) : INT32_MIN;
    if (has_start) a.starts.add(start_period);
    else ++a.undated_start;
    if (end != no_time) {
      const int end_period = period_of_day(clock_.day(end), months_);
      if (has_start && start_period == end_period) a.ends_of_new.add(end_period);
      else a.ends_of_existing.add(end_period);
    }
  }

  std::uint64_t records() const override { return main_.customers + half_.customers; }

  void report(json& metrics, json&, json&) override {
    main_.merge(half_);
    half_ = CustomerTableAccumulator{};
    CustomerTableAccumulator& a = main_;
    metrics["customers"] = json{{"value", a.customers}, {"n", a.customers}};
    if (a.churn_known) {
      json churn = share(a.churned, a.churn_known);
      churn["definition"] = context_.mapping->has(Role::churned) ? "customers flagged as churned" : "customers with an end date";
      metrics["churn"] = churn;
      json retention = share(a.churn_known - a.churned, a.churn_known);
      retention["definition"] = "customers not churned";
      metrics["retention"] = retention;
      metrics["active_customers"] = json{{"value", a.churn_known - a.churned}, {"n", a.churn_known}};
    }
    if (!a.tenure.empty()) {
      json tenure = summary_json(a.tenure);
      tenure["unit"] = "as written (usually months)";
      metrics["tenure"] = tenure;
    }
    if (a.recurring_n) {
      metrics["mrr"] = json{{"value", number(a.active_recurring)}, {"n", a.active_n}, {"definition", "recurring revenue of customers not churned"}};
      metrics["arpu"] = json{{"value", number(a.recurring / static_cast<double>(a.recurring_n))}, {"n", a.recurring_n}};
    }
    if (a.revenue_n) {
      metrics["revenue"] = json{{"value", number(a.revenue)}, {"n", a.revenue_n}};
      const double per_customer = a.revenue / static_cast<double>(a.revenue_n);
      metrics["clv"] = json{{"value", number(per_customer * context_.options->gross_margin)}, {"n", a.revenue_n}, {"model", "historical"},
                            {"revenue_per_customer", number(per_customer)}, {"gross_margin", number(context_.options->gross_margin)}};
    }
    json by_segment = json::object();
    for (std::size_t s = 0; s < segment_columns_.size(); ++s) {
      json rows = json::array();
      for (std::uint32_t id = 0; id < a.segments[s].size(); ++id) {
        const CustomerTableAccumulator::Segment& segment = *a.segments[s].find(id);
        if (!segment.customers) continue;
        json row{{"segment", std::string(segment_names_[s].name(id))}, {"customers", segment.customers}};
        if (segment.churn_known) {
          const json churn = share(segment.churned, segment.churn_known);
          row["churn"] = churn["value"];
          row["n"] = churn["n"];
        }
        rows.push_back(std::move(row));
      }
      by_segment[std::string(role_name(segment_columns_[s].first))] = std::move(rows);
    }
    if (!by_segment.empty() && metrics.contains("churn")) metrics["churn"]["by_segment"] = by_segment;

    // Per period: S at the start, N new, lost, E at the end; CRR = (E − N) / S, churn = lost of S / S.
    if (!a.starts.empty() || !a.ends_of_existing.empty()) {
      std::int64_t first = a.starts.empty() ? a.ends_of_existing.first_key() : a.starts.first_key();
      std::int64_t last = a.starts.empty() ? a.ends_of_existing.last_key() : a.starts.last_key();
      if (!a.ends_of_existing.empty()) {
        first = std::min(first, a.ends_of_existing.first_key());
        last = std::max(last, a.ends_of_existing.last_key());
      }
      if (!a.ends_of_new.empty()) last = std::max(last, a.ends_of_new.last_key());
      if (last - first > 2400) first = last - 2400;
      double present = static_cast<double>(a.undated_start);
      for (std::int64_t p = a.starts.first_key(); !a.starts.empty() && p < first; ++p) present += a.starts.at(p);
      json series = json::array();
      double kept_total = 0, start_total = 0;
      for (std::int64_t p = first; p <= last; ++p) {
        const double start_count = present;
        const double fresh = a.starts.at(p);
        const double lost = a.ends_of_existing.at(p);
        const double lost_new = a.ends_of_new.at(p);
        const double end_count = start_count + fresh - lost - lost_new;
        json item{{"period", period_text(static_cast<int>(p), months_)}, {"start", number(start_count)}, {"new", number(fresh)},
                  {"lost", number(lost + lost_new)}, {"end", number(end_count)}};
        if (start_count > 0) {
          // (E − N) / S with N the new customers still there at the end: new ones who left within
          // the period were never among S and do not lower the rate.
          item["retention"] = number((start_count - lost) / start_count * 100);
          item["churn"] = number(lost / start_count * 100);
          kept_total += start_count - lost;
          start_total += start_count;
        }
        series.push_back(std::move(item));
        present = end_count;
      }
      const char* period_name = months_ == 1 ? "month" : months_ == 3 ? "quarter" : "year";
      json per_period{{"period", period_name},
                      {"series", std::move(series)},
                      {"definition", "CRR = (E - N) / S per period: S customers at the start, N new customers still there at the end, E at the end; churn = 100 - CRR"}};
      if (start_total > 0) {
        per_period["retention"] = number(kept_total / start_total * 100);
        per_period["churn"] = number(100 - kept_total / start_total * 100);
        per_period["n"] = number(start_total);
      }
      metrics["per_period"] = per_period;
    }
  }

 private:
  Context& context_;
  LocalClock clock_;
  int col_customer_, col_churned_, col_tenure_, col_recurring_, col_amount_;
  int months_ = 1;
  std::vector<std::pair<Role, int>> segment_columns_;
  std::vector<Dictionary> segment_names_;
  CustomerTableAccumulator main_, half_;
};

class TransactionProcessor final : public Processor {
 public:
  explicit TransactionProcessor(Context& context) : context_(context), clock_(*context.options->zone) {
    const Mapping& m = *context.mapping;
    col_customer_ = m.column(Role::customer_id);
    col_amount_ = m.column(Role::amount);
    col_quantity_ = m.column(Role::quantity);
    col_payment_ = m.column(Role::payment_status);
    col_refunded_ = m.column(Role::refunded);
    col_currency_ = m.column(Role::currency);
    col_unit_price_ = col_amount_ < 0 ? m.column(Role::unit_price) : -1;  // an amount column wins
    col_order_ = m.column(Role::order_id);
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
    // Refunded, failed, voided and pending payments brought no money; an unknown payment word is not
    // guessed at.
    if (col_payment_ >= 0) {
      const std::string_view status = trim(Context::cell(f, n, col_payment_));
      if (!status.empty() && !TimeColumn::is_missing(status)) {
        const int payment = classify_payment(status);
        if (payment != 1) {
          issues.skip(payment == 2 ? Reason::transaction_not_paid : Reason::value_unknown_outcome, row, col_payment_);
          return;
        }
      }
    }
    double amount = 0;
    if (col_amount_ >= 0) {
      const Read read = read_money(Context::cell(f, n, col_amount_), context_.decimal, amount, &money_sign_);
      if (read != Read::ok) {
        issues.skip(read == Read::bad ? Reason::value_bad_number : Reason::transaction_no_amount, row, col_amount_);
        return;
      }
      double refunded = 0;
      if (col_refunded_ >= 0) {
        const Read refund = read_money(Context::cell(f, n, col_refunded_), context_.decimal, refunded);
        if (refund == Read::ok && refunded > 0) {
          amount -= refunded;
          ++refunds_;
        } else if (refund == Read::bad) {
          issues.cell(Reason::value_bad_number, row, col_refunded_);
        }
      }
    }
    // No amount column: the line brought in quantity x unit price (UCI Online Retail); without a
    // quantity column each row is one unit.
    double line_quantity = 1;
    bool quantity_read = false;
    if (col_unit_price_ >= 0) {
      double price = 0;
      const Read read = read_money(Context::cell(f, n, col_unit_price_), context_.decimal, price, &money_sign_);
      if (read != Read::ok) {
        issues.skip(read == Read::bad ? Reason::value_bad_number : Reason::transaction_no_amount, row, col_unit_price_);
        return;
      }
      if (col_quantity_ >= 0) {
        const Read q = read_number(Context::cell(f, n, col_quantity_), context_.decimal, line_quantity);
        if (q != Read::ok) {
          issues.skip(q == Read::bad ? Reason::value_bad_number : Reason::transaction_no_amount, row, col_quantity_);
          return;
        }
        quantity_read = true;
      }
      amount = line_quantity * price;
    }
    if (col_currency_ >= 0) note_currency(trim(Context::cell(f, n, col_currency_)));
    else if (!money_sign_.empty()) note_currency(money_sign_);  // "$12.00", "12,00 EUR": the sign is the currency
    std::int64_t day = no_time;
    if (date_role_ != Role::none) {
      TimeColumn& date = context_.times[static_cast<std::size_t>(date_role_)];
      std::int64_t millis = 0;
      const Read read = date.read(Context::cell(f, n, date.index()), millis);
      if (read == Read::ok) day = clock_.day(millis);
      else if (read == Read::bad) issues.cell(Reason::value_bad_timestamp, row, date.index());
    }
    TransactionAccumulator* const target = route_row(context_, day, row, main_, compare_, half_);
    if (!target) return;
    TransactionAccumulator& a = *target;
    const std::uint32_t id = customer_ids_.id(customer_text);
    const bool has_amount = col_amount_ >= 0 || col_unit_price_ >= 0;
    Customer& customer = a.customers[id];
    a.revenue += amount;
    customer.revenue += amount;
    const int period = day != no_time ? period_of_day(day, months_) : 0;
    if (day != no_time) a.revenue_by_period.add(period, amount);
    // A negative line is a cancellation, return or discount (Online Retail's "C" invoices with
    // negative quantities): it lowers the revenue but is no purchase, so it counts in no order,
    // order value, quantity or customer activity.
    if (has_amount && amount < 0) {
      ++a.returns;
      a.returns_amount += amount;
      return;
    }
    if (col_quantity_ >= 0) {
      double quantity = line_quantity;
      if (quantity_read || read_number(Context::cell(f, n, col_quantity_), context_.decimal, quantity) == Read::ok) {
        a.quantity += quantity;
        ++a.quantity_n;
      }
    }
    // With an order / invoice column, the lines of one order make one transaction and one order value.
    bool new_order = true;
    if (col_order_ >= 0) {
      const std::string_view order_text = trim(Context::cell(f, n, col_order_));
      if (!order_text.empty()) {
        const std::uint32_t order = order_ids_.id(order_text);
        if (order != Dictionary::missing && order < 0xFFFFFFF0u) {
          if (order >= order_sums_.size()) {
            order_sums_.resize(order + 1, 0);
            order_in_compare_.resize(order + 1, 0);
            order_seen_.resize(order + 1, 0);
          }
          new_order = !order_seen_[order];
          order_seen_[order] = 1;
          order_sums_[order] += amount;
          if (new_order) order_in_compare_[order] = target == &compare_;
        }
      }
    }
    if (has_amount && (col_order_ < 0 || !grouped_amount(f, n))) a.amounts.add(amount);
    if (!new_order) return;
    ++a.transactions;
    ++customer.transactions;
    if (day != no_time) {
      customer.first_period = std::min(customer.first_period, period);
      customer.last_period = std::max(customer.last_period, period);
      a.customer_days.insert((static_cast<std::uint64_t>(id) << 24) | static_cast<std::uint64_t>((day + (1 << 22)) & 0xFFFFFF));
      a.customer_periods.insert((static_cast<std::uint64_t>(id) << 20) | static_cast<std::uint64_t>((period + (1 << 18)) & 0xFFFFF));
      a.transactions_by_period.add(period);
    } else {
      ++a.no_date;
    }
  }

  // Whether this row's amount goes to its order's total (it has an order id) rather than standing alone.
  bool grouped_amount(const std::string_view* f, std::size_t n) const {
    return !trim(Context::cell(f, n, col_order_)).empty();
  }

  std::uint64_t records() const override { return main_.transactions + compare_.transactions + half_.transactions; }

  void report(json& metrics, json& comparison, json&) override {
    main_.merge(half_);
    half_ = TransactionAccumulator{};  // merged: records() must not count it twice
    for (std::size_t order = 0; order < order_sums_.size(); ++order) {
      if (order_seen_[order]) (order_in_compare_[order] ? compare_ : main_).amounts.add(order_sums_[order]);
    }
    metrics = build(main_);
    if (context_.comparing()) comparison["metrics"] = compare_metrics(build(compare_), metrics);
    const std::uint64_t not_paid = context_.issues->skipped(Reason::transaction_not_paid);
    if (metrics.contains("revenue") && (not_paid || refunds_)) {
      metrics["revenue"]["note"] = "paid transactions only (" + std::to_string(not_paid) +
                                   " refunded, failed, voided or pending left out), net of " + std::to_string(refunds_) +
                                   " partial refunds";
    }
    // Purchases without a customer id (a quarter of UCI Online Retail) are left out of every figure,
    // revenue included: say so, so the total is not taken for the shop's whole revenue.
    if (const std::uint64_t anonymous = context_.issues->skipped(Reason::transaction_no_customer); anonymous > 0) {
      context_.warnings.push_back(std::to_string(anonymous) + (anonymous == 1 ? " row has" : " rows have") +
                                  " no customer id and " + (anonymous == 1 ? "is" : "are") +
                                  " left out of every figure, revenue included: the revenue is that of identified customers.");
    }
    if (currencies_.size() > 1) {
      std::string list;
      for (const std::string& code : currencies_) list += (list.empty() ? "" : ", ") + code;
      context_.warnings.push_back("Amounts are in " + std::to_string(currencies_.size()) + " currencies (" + list +
                                  ") and were added up as written: revenue, order values and CLV mix currencies.");
    }
  }

  // Distinct currencies (a column's codes, or the signs written with the amounts), for the warning
  // that amounts in several currencies were added as written.
  void note_currency(std::string_view currency) {
    if (currency.empty() || currencies_.size() >= 8) return;
    std::string code(currency);
    for (char& c : code) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 32 : c);
    if (std::find(currencies_.begin(), currencies_.end(), code) == currencies_.end()) currencies_.push_back(code);
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
    if (col_order_ >= 0) metrics["transactions"]["definition"] = "distinct orders (\"" + order_column_name() + "\"); lines of one order are one transaction";
    if (col_amount_ >= 0 || col_unit_price_ >= 0) {
      metrics["revenue"] = json{{"value", number(a.revenue)}, {"n", a.transactions}};
      if (col_unit_price_ >= 0)
        metrics["revenue"]["definition"] = col_quantity_ >= 0 ? "sum of quantity x unit price over the lines (no amount column)"
                                                               : "sum of unit prices, one unit per row (no amount or quantity column)";
      if (a.returns) {
        metrics["revenue"]["gross"] = number(a.revenue - a.returns_amount);
        metrics["revenue"]["returns"] = json{{"lines", a.returns}, {"amount", number(a.returns_amount)}};
        metrics["revenue"]["note"] = "net of " + std::to_string(a.returns) +
                                     " lines with a negative amount (cancellations, returns, discounts), which count in no order";
      }
      json order = summary_json(a.amounts);
      if (col_order_ >= 0) order["definition"] = "total per order";
      else if (col_unit_price_ >= 0) order["definition"] = "value per line (quantity x unit price); the file has no order column";
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
    repeat_figure["definition"] = col_order_ >= 0 ? "customers with 2 or more transactions (orders)" : "customers with 2 or more transactions (rows)";
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
        series.push_back(std::move(item));
      }
      const char* period_name = months_ == 1 ? "month" : months_ == 3 ? "quarter" : "year";
      json retention = share(retained_total, start_total);
      retention["period"] = period_name;
      retention["definition"] = "customers active in a period who are active again in the next one, pooled over all consecutive periods";
      retention["series"] = std::move(series);
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
  int col_payment_ = -1, col_refunded_ = -1, col_currency_ = -1, col_unit_price_ = -1, col_order_ = -1;
  Dictionary order_ids_;
  std::vector<double> order_sums_;
  std::vector<std::uint8_t> order_in_compare_, order_seen_;

  std::string order_column_name() const { return context_.mapping->columns[static_cast<std::size_t>(col_order_)].name; }
  std::uint64_t refunds_ = 0;
  std::vector<std::string> currencies_;
  std::string money_sign_;  // the currency sign or code of the last amount read
  Role date_role_;
  int months_ = 1;
  Dictionary customer_ids_;
  TransactionAccumulator main_, compare_, half_;
};

}  // namespace

std::unique_ptr<Processor> make_transaction_processor(Context& context) {
  const Mapping& m = *context.mapping;
  // Purchases have a date per row; a customer table has start/end dates, a churn flag or tenure.
  const bool customer_table = !m.has(Role::date) && (m.has(Role::churned) || m.has(Role::end_date) || m.has(Role::start_date) ||
                                                      m.has(Role::tenure) || m.has(Role::recurring_revenue));
  if (customer_table) return std::make_unique<CustomerTableProcessor>(context);
  return std::make_unique<TransactionProcessor>(context);
}

}  // namespace skpi::analysis
