#include "core/analysis/tickets.hpp"

#include <algorithm>
#include <map>

#include "core/analysis/conversations.hpp"
#include "core/analysis/kinds.hpp"
#include "core/analysis/report.hpp"

namespace skpi::analysis {

namespace {

// The SLA share is counted as values arrive (the target is known from the start), so the report
// needs no extra pass over millions of durations. The value goes to `store`: the figure's own, or
// the agent's for the calendar figures (see TicketAccumulator::DurationFigure).
[[gnu::always_inline]] inline void add_figure_ms(TicketAccumulator::DurationFigure& figure, QuantileStore& store,
                                                 std::int64_t milliseconds) {
  figure.within_target += milliseconds <= figure.target_millis;
  ++figure.stored;
  if (milliseconds % 1000 == 0)
    store.add_whole(milliseconds / 1000);
  else
    store.add(static_cast<double>(milliseconds) / 1000.0);
}

[[gnu::always_inline]] inline void add_figure(TicketAccumulator::DurationFigure& figure, QuantileStore& store, double seconds) {
  figure.within_target += seconds * 1000 <= static_cast<double>(figure.target_millis);
  ++figure.stored;
  store.add(seconds);
}

[[gnu::always_inline]] inline void add_figure(TicketAccumulator::DurationFigure& figure, double seconds) {
  add_figure(figure, figure.store, seconds);
}

inline bool present(double value) { return !std::isnan(value); }

template <typename Array>
void add_arrays(Array& into, const Array& from) {
  for (std::size_t i = 0; i < into.size(); ++i) into[i] += from[i];
}

}  // namespace

void TicketAccumulator::DurationFigure::merge(const DurationFigure& other) {
  store.merge(other.store);
  stored += other.stored;
  add_arrays(excluded, other.excluded);
  from_column += other.from_column;
  from_timestamps += other.from_timestamps;
  within_target += other.within_target;
}

void TicketAccumulator::AgentStats::merge(const AgentStats& other) {
  handled += other.handled;
  resolved += other.resolved;
  add_arrays(fcr_hits, other.fcr_hits);
  add_arrays(fcr_n, other.fcr_n);
  first_response.merge(other.first_response);
  resolution.merge(other.resolution);
  csat.merge(other.csat);
}

void TicketAccumulator::set_targets(double first_response_seconds, double resolution_seconds) {
  auto millis = [](double seconds) {
    return seconds >= 9.2e15 ? INT64_MAX : static_cast<std::int64_t>(std::floor(seconds * 1000));
  };
  first_response.target_millis = first_response_business.target_millis = millis(first_response_seconds);
  resolution.target_millis = resolution_business.target_millis = millis(resolution_seconds);
}

void TicketAccumulator::add(const TicketRecord& t, const TicketSettings& settings, LocalClock& clock) {
  ++tickets_;
  const std::int64_t end = t.resolved != no_time ? t.resolved : (settings.closed_is_resolution ? t.closed : no_time);
  bool resolved;
  if (t.status_class == 1)
    resolved = true;
  else if (t.status_class == 2)
    resolved = false;
  else
    resolved = end != no_time || t.closed != no_time || present(t.resolution_column);
  resolved ? ++resolved_ : ++open_;

  AgentStats* agent = nullptr;
  if (t.agent != Dictionary::missing) {
    agent = &agents_[t.agent];
    ++agent->handled;
    agent->resolved += resolved;
  } else {
    ++no_agent_;
  }

  // First response: a ready-made column when it has a value, else the two timestamps.
  std::int64_t first_response_ms = -1;
  QuantileStore& first_response_store = agent ? agent->first_response : first_response.store;
  if (present(t.first_response_column)) {
    if (t.first_response_column < 0) {
      ++first_response.excluded[negative];
    } else {
      add_figure(first_response, first_response_store, t.first_response_column);
      ++first_response.from_column;
    }
  } else if (t.first_response != no_time && t.created != no_time) {
    first_response_ms = t.first_response - t.created;
    if (first_response_ms < 0) {
      ++first_response.excluded[negative];
      first_response_ms = -1;
    } else {
      add_figure_ms(first_response, first_response_store, first_response_ms);
      ++first_response.from_timestamps;
    }
  } else {
    ++first_response.excluded[t.first_response == no_time ? no_end : no_created];
  }
  if (present(t.first_response_business_column)) {
    if (t.first_response_business_column < 0) {
      ++first_response_business.excluded[negative];
    } else {
      add_figure(first_response_business, t.first_response_business_column);
      ++first_response_business.from_column;
    }
  } else if (settings.calendar && first_response_ms >= 0) {
    add_figure(first_response_business, settings.calendar->business_seconds_between(t.created / 1000, t.first_response / 1000));
    ++first_response_business.from_timestamps;
  } else if (settings.calendar || settings.has_first_response_business) {
    // An empty business-hours cell (Freshdesk leaves it empty until the first reply) is a ticket
    // without the figure, counted like a missing first response.
    ++first_response_business.excluded[t.first_response == no_time || !settings.calendar ? no_end : (t.created == no_time ? no_created : negative)];
  }

  // Resolution.
  std::int64_t resolution_ms = -1;
  double resolution_seconds = -1;
  QuantileStore& resolution_store = agent ? agent->resolution : resolution.store;
  if (!resolved) {
    ++resolution.excluded[unresolved];
  } else if (present(t.resolution_column)) {
    if (t.resolution_column < 0) {
      ++resolution.excluded[negative];
    } else {
      add_figure(resolution, resolution_store, t.resolution_column);
      resolution_seconds = t.resolution_column;
      ++resolution.from_column;
    }
  } else if (end != no_time && t.created != no_time) {
    resolution_ms = end - t.created;
    if (resolution_ms < 0) {
      ++resolution.excluded[negative];
      resolution_ms = -1;
    } else {
      add_figure_ms(resolution, resolution_store, resolution_ms);
      resolution_seconds = static_cast<double>(resolution_ms) / 1000.0;
      ++resolution.from_timestamps;
    }
  } else {
    ++resolution.excluded[end == no_time ? no_end_time : no_created];
  }
  if (resolved) {
    if (present(t.resolution_business_column)) {
      if (t.resolution_business_column < 0) {
        ++resolution_business.excluded[negative];
      } else {
        add_figure(resolution_business, t.resolution_business_column);
        ++resolution_business.from_column;
      }
    } else if (settings.calendar && resolution_ms >= 0) {
      add_figure(resolution_business, settings.calendar->business_seconds_between(t.created / 1000, end / 1000));
      ++resolution_business.from_timestamps;
    } else if (settings.calendar || settings.has_resolution_business) {
      ++resolution_business.excluded[end == no_time || !settings.calendar ? no_end_time : (t.created == no_time ? no_created : negative)];
    }
  } else if (settings.calendar || settings.has_resolution_business) {
    ++resolution_business.excluded[unresolved];
  }

  // FCR under each definition, over resolved tickets that carry what the definition needs.
  if (resolved) {
    auto count = [&](FcrDefinition definition, bool hit) {
      const auto d = static_cast<std::size_t>(definition);
      ++fcr_n_[d];
      fcr_hits_[d] += hit;
      if (agent) {
        ++agent->fcr_n[d];
        agent->fcr_hits[d] += hit;
      }
    };
    const std::int32_t replies = t.replies >= 0 ? t.replies : t.agent_interactions;
    if (replies >= 0) {
      count(FcrDefinition::one_touch, replies < 2);
      count(FcrDefinition::one_reply, replies == 1);
    }
    if (t.customer_interactions >= 0) count(FcrDefinition::no_customer_follow_up, t.customer_interactions == 0);
    if (t.agent_count >= 0 || t.reassignments >= 0) {
      const bool one_agent = t.agent_count >= 0 ? t.agent_count <= 1 : t.reassignments == 0;
      count(FcrDefinition::one_agent, one_agent && t.reopens <= 0);
    }
    if (resolution_seconds >= 0) count(FcrDefinition::within_minutes, resolution_seconds <= settings.fcr_minutes * 60);
  }
  if (t.reopens >= 0 && (resolved || !settings.has_resolution_info)) {
    ++reopen_n_;
    reopened_ += t.reopens > 0;
  }

  if (present(t.rating)) {
    csat_.add(t.rating);
    if (agent) agent->csat.add(t.rating);
  } else if (t.verdict) {
    csat_.add_verdict(t.verdict == 1);
    if (agent) agent->csat.add_verdict(t.verdict == 1);
  }
  if (t.made_sla >= 0) {
    ++made_sla_n_;
    made_sla_ += t.made_sla;
  }
  if (t.sla_first_response >= 0) {
    ++frt_sla_n_;
    frt_sla_met_ += t.sla_first_response;
  }
  if (t.sla_resolution >= 0) {
    ++resolution_sla_n_;
    resolution_sla_met_ += t.sla_resolution;
  }

  // Volume, grids and backlog on local days.
  if (t.created != no_time) {
    const std::int64_t day = clock.day(t.created);
    volume_by_day_.add(day);
    if (t.channel != Dictionary::missing) channel_grid_.add(day, t.channel);
    if (t.category != Dictionary::missing) category_grid_.add(day, t.category);
    if (resolved && end == no_time) {
      ++backlog_excluded_;  // resolved at an unknown time: it would stay open forever
    } else {
      opened_by_day_.add(day);
      if (resolved) closed_by_day_.add(std::max(day, clock.day(end)));
    }
  } else {
    ++no_created_day_;
  }
  t.channel != Dictionary::missing ? ++by_channel_[t.channel] : ++no_channel_;
  t.category != Dictionary::missing ? ++by_category_[t.category] : ++no_category_;
  t.status != Dictionary::missing ? ++by_status_[t.status] : ++no_status_;
  t.priority != Dictionary::missing ? ++by_priority_[t.priority] : ++no_priority_;
  t.group != Dictionary::missing ? ++by_group_[t.group] : ++no_group_;
}

void TicketAccumulator::merge(const TicketAccumulator& o) {
  tickets_ += o.tickets_;
  resolved_ += o.resolved_;
  open_ += o.open_;
  first_response.merge(o.first_response);
  resolution.merge(o.resolution);
  first_response_business.merge(o.first_response_business);
  resolution_business.merge(o.resolution_business);
  add_arrays(fcr_hits_, o.fcr_hits_);
  add_arrays(fcr_n_, o.fcr_n_);
  reopened_ += o.reopened_;
  reopen_n_ += o.reopen_n_;
  csat_.merge(o.csat_);
  made_sla_ += o.made_sla_;
  made_sla_n_ += o.made_sla_n_;
  frt_sla_met_ += o.frt_sla_met_;
  frt_sla_n_ += o.frt_sla_n_;
  resolution_sla_met_ += o.resolution_sla_met_;
  resolution_sla_n_ += o.resolution_sla_n_;
  volume_by_day_.merge(o.volume_by_day_);
  opened_by_day_.merge(o.opened_by_day_);
  closed_by_day_.merge(o.closed_by_day_);
  no_created_day_ += o.no_created_day_;
  backlog_excluded_ += o.backlog_excluded_;
  channel_grid_.merge(o.channel_grid_);
  category_grid_.merge(o.category_grid_);
  auto sum = [](std::uint64_t& a, const std::uint64_t& b) { a += b; };
  by_status_.merge(o.by_status_, sum);
  by_channel_.merge(o.by_channel_, sum);
  by_category_.merge(o.by_category_, sum);
  by_priority_.merge(o.by_priority_, sum);
  by_group_.merge(o.by_group_, sum);
  no_channel_ += o.no_channel_;
  no_category_ += o.no_category_;
  no_status_ += o.no_status_;
  no_priority_ += o.no_priority_;
  no_group_ += o.no_group_;
  agents_.merge(o.agents_, [](AgentStats& a, const AgentStats& b) { a.merge(b); });
  no_agent_ += o.no_agent_;
}

// ------------------------------------------------------------------------------------------- report

namespace {

json exclusions_json(const TicketAccumulator::DurationFigure& figure, const char* no_end_code) {
  static const char* codes[] = {"ticket.no_created", nullptr, "ticket.no_resolved_time", "duration.negative", "ticket.unresolved"};
  json out = json::object();
  for (int i = 0; i < TicketAccumulator::exclusion_count; ++i) {
    if (figure.excluded[i] == 0) continue;
    out[i == TicketAccumulator::no_end ? no_end_code : codes[i]] = figure.excluded[i];
  }
  return out;
}

json duration_json(TicketAccumulator::DurationFigure& figure, const std::vector<QuantileStore*>& parts, const char* no_end_code,
                   const std::string& column_source, const std::string& timestamp_source) {
  json out = summary_json(QuantileStore::summarize_union(parts));
  std::uint64_t excluded = 0;
  for (std::uint64_t count : figure.excluded) excluded += count;
  out["excluded"] = excluded;
  out["excluded_reasons"] = exclusions_json(figure, no_end_code);
  out["unit"] = "seconds";
  std::string source;
  if (figure.from_column && figure.from_timestamps)
    source = column_source + " (" + std::to_string(figure.from_column) + "), else " + timestamp_source + " (" + std::to_string(figure.from_timestamps) + ")";
  else if (figure.from_column)
    source = column_source;
  else
    source = timestamp_source;
  out["source"] = source;
  return out;
}

json counts_table(const PerKey<std::uint64_t>& counts, std::uint64_t missing, const Dictionary* names, const char* key,
                  std::uint64_t total) {
  std::vector<std::pair<std::uint64_t, std::uint32_t>> rows;
  for (std::uint32_t id = 0; id < counts.size(); ++id) {
    const std::uint64_t count = *counts.find(id);
    if (count) rows.emplace_back(count, id);
  }
  std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  json out = json::array();
  for (const auto& [count, id] : rows) {
    out.push_back(json{{key, std::string(names->name(id))}, {"count", count},
                       {"share", number(total ? 100.0 * static_cast<double>(count) / static_cast<double>(total) : 0)}});
  }
  if (missing && !rows.empty()) {
    out.push_back(json{{key, nullptr}, {"count", missing}, {"share", number(total ? 100.0 * static_cast<double>(missing) / static_cast<double>(total) : 0)}});
  }
  return out;
}

}  // namespace

json TicketAccumulator::report(const Names& names, const Options& options, const TicketSettings& settings,
                               std::vector<std::string>& warnings) {
  json metrics = json::object();
  metrics["tickets"] = json{{"value", tickets_}, {"n", tickets_}};

  const std::string column = "ready-made duration column";
  // The calendar figures' values: their own store and every agent's (see DurationFigure).
  auto with_agents = [&](DurationFigure& figure, QuantileStore AgentStats::*member) {
    std::vector<QuantileStore*> parts{&figure.store};
    for (std::uint32_t id = 0; id < agents_.size(); ++id) parts.push_back(&(agents_[id].*member));
    return parts;
  };
  json first = duration_json(first_response, with_agents(first_response, &AgentStats::first_response), "ticket.no_first_response",
                             column, "first response time minus creation time");
  json resolved_figure = duration_json(resolution, with_agents(resolution, &AgentStats::resolution), "ticket.no_resolution", column,
                                       settings.closed_is_resolution ? "closing time minus creation time" : "resolution time minus creation time");
  const bool business_first = first_response_business.stored > 0 || first_response_business.from_column > 0;
  const bool business_resolution = resolution_business.stored > 0 || resolution_business.from_column > 0;
  // SLA targets: on business durations when there are any, else calendar.
  json sla = json::object();
  auto within = [&](DurationFigure& figure, double target, const char* basis) {
    json out = share(figure.within_target, figure.stored);
    out["target_seconds"] = number(target);
    out["basis"] = basis;
    return out;
  };
  if (business_first && first_response_business.stored) {
    sla["first_response"] = within(first_response_business, options.sla_first_response_seconds, "business");
  } else if (first_response.stored) {
    sla["first_response"] = within(first_response, options.sla_first_response_seconds, "calendar");
  }
  if (business_resolution && resolution_business.stored) {
    sla["resolution"] = within(resolution_business, options.sla_resolution_seconds, "business");
  } else if (resolution.stored) {
    sla["resolution"] = within(resolution, options.sla_resolution_seconds, "calendar");
  }
  if (business_first || settings.calendar) {
    first["business"] = duration_json(first_response_business, {&first_response_business.store}, "ticket.no_first_response",
                                      "ready-made business-hours column", "business hours between creation and first response");
  }
  if (business_resolution || settings.calendar) {
    resolved_figure["business"] = duration_json(resolution_business, {&resolution_business.store}, "ticket.no_resolution",
                                                "ready-made business-hours column", "business hours between creation and resolution");
  }
  if (settings.has_first_response) metrics["first_response"] = std::move(first);
  if (settings.has_resolution_end) metrics["resolution"] = std::move(resolved_figure);

  // FCR: the definition asked for, else the first one the data supports.
  json variants = json::object();
  int chosen = -1;
  for (int d = 0; d < fcr_definition_count; ++d) {
    if (fcr_n_[d] == 0) continue;
    json figure = share(fcr_hits_[d], fcr_n_[d]);
    if (d == static_cast<int>(FcrDefinition::within_minutes)) figure["minutes"] = number(settings.fcr_minutes);
    variants[fcr_definition_name(static_cast<FcrDefinition>(d))] = figure;
  }
  if (options.fcr_definition) {
    chosen = static_cast<int>(*options.fcr_definition);
    if (fcr_n_[chosen] == 0) {
      warnings.push_back(std::string("FCR (") + fcr_definition_name(*options.fcr_definition) + ") needs columns this file does not have.");
      chosen = -1;
    }
  } else {
    for (int d = 0; d < fcr_definition_count && chosen < 0; ++d) {
      if (fcr_n_[d] > 0) chosen = d;
    }
    if (chosen > 0) {
      warnings.push_back(std::string("FCR uses the ") + fcr_definition_name(static_cast<FcrDefinition>(chosen)) +
                         " definition: the file has no reply counts for one_touch.");
    }
  }
  if (chosen >= 0) {
    json fcr = share(fcr_hits_[chosen], fcr_n_[chosen]);
    fcr["definition"] = fcr_definition_name(static_cast<FcrDefinition>(chosen));
    fcr["variants"] = std::move(variants);
    metrics["fcr"] = std::move(fcr);
  }
  if (reopen_n_) metrics["reopen_rate"] = share(reopened_, reopen_n_);
  if (settings.has_resolution_info && tickets_) {
    json rate = share(resolved_, tickets_);
    rate["resolved"] = resolved_;
    rate["unresolved"] = open_;
    rate["resolved_to_unresolved_ratio"] = open_ ? number(static_cast<double>(resolved_) / static_cast<double>(open_)) : json(nullptr);
    metrics["resolution_rate"] = std::move(rate);
  }
  if (csat_.numeric() || csat_.verdicts()) {
    metrics["csat"] = csat_json(csat_, options.csat_scale ? &*options.csat_scale : nullptr,
                                options.csat_threshold ? &*options.csat_threshold : nullptr);
  }
  if (made_sla_n_) sla["made_sla"] = share(made_sla_, made_sla_n_);
  if (frt_sla_n_) sla["first_response_status"] = share(frt_sla_met_, frt_sla_n_);
  if (resolution_sla_n_) sla["resolution_status"] = share(resolution_sla_met_, resolution_sla_n_);
  if (!sla.empty()) metrics["sla"] = std::move(sla);

  // Backlog: opened minus resolved, cumulated per local day.
  if (settings.has_resolution_info && !opened_by_day_.empty()) {
    const std::int64_t first_day = opened_by_day_.first_key();
    std::int64_t last_day = opened_by_day_.last_key();
    if (!closed_by_day_.empty()) last_day = std::max(last_day, closed_by_day_.last_key());
    if (options.period) last_day = std::min(last_day, options.period->to);
    json series = json::array();
    double open = 0;
    // Loops run out of line, each point built out of line too, as the volume entries below: V8
    // charges a function for the code its loops run, and report() runs once.
    auto point = [](std::int64_t day, double open_tickets) __attribute__((noinline)) {
      return json{{"date", day_text(day)}, {"open", number(open_tickets)}};
    };
    [&]() __attribute__((noinline)) {
      for (std::int64_t day = first_day; day <= last_day; ++day) {
        open += opened_by_day_.at(day) - closed_by_day_.at(day);
        series.push_back(point(day, open));
      }
    }();
    json backlog{{"end", number(open)}, {"as_of", day_text(last_day)}, {"series", std::move(series)},
                 {"n", static_cast<std::uint64_t>(opened_by_day_.total())}};
    if (backlog_excluded_) backlog["excluded"] = json{{"ticket.no_resolved_time", backlog_excluded_}};
    metrics["backlog"] = std::move(backlog);
  }

  // Volume by day / ISO week / month, with channel and category splits.
  json volume = json::object();
  if (!volume_by_day_.empty()) {
    const bool channels = by_channel_.size() > 0;
    const bool categories = by_category_.size() > 0;
    // The per-entry work is kept out of line: report() runs once, and loops inlined into it would
    // make V8 recompile all of it with TurboFan at the end of the file (tens of ms of CPU).
    auto split = [&](const DayGrid& grid, const Dictionary* dictionary, std::int64_t from, std::int64_t to) __attribute__((noinline)) {
      json out = json::object();
      for (std::uint32_t column = 0; column <= grid.width(); ++column) {
        std::uint64_t count = 0;
        for (std::int64_t day = from; day <= to; ++day) count += grid.at(day, column);
        if (count) out[column == grid.width() ? std::string("(other)") : std::string(dictionary->name(column))] = count;
      }
      return out;
    };
    json by_day = json::array(), by_week = json::array(), by_month = json::array();
    const std::int64_t first_day = volume_by_day_.first_key(), last_day = volume_by_day_.last_key();
    auto entry = [&](const char* key, const std::string& label, std::int64_t from, std::int64_t to) __attribute__((noinline)) {
      double count = 0;
      for (std::int64_t day = from; day <= to; ++day) count += volume_by_day_.at(day);
      json item{{key, label}, {"count", number(count)}};
      if (channels) item["channels"] = split(channel_grid_, names.channel, from, to);
      if (categories) item["categories"] = split(category_grid_, names.category, from, to);
      return item;
    };
    [&]() __attribute__((noinline)) {
      for (std::int64_t day = first_day; day <= last_day; ++day) by_day.push_back(entry("date", day_text(day), day, day));
      for (std::int64_t day = first_day; day <= last_day;) {
        const std::int64_t week_end = day - time::weekday_from_days(day) + 6;
        by_week.push_back(entry("week", week_text(day), day, std::min(week_end, last_day)));
        day = week_end + 1;
      }
      for (std::int64_t day = first_day; day <= last_day;) {
        const time::CivilDate date = time::civil_from_days(day);
        const std::int64_t month_end = time::days_from_civil(date.year, date.month, time::days_in_month(date.year, date.month));
        by_month.push_back(entry("month", month_text_of_day(day), day, std::min(month_end, last_day)));
        day = month_end + 1;
      }
    }();
    volume["by_day"] = std::move(by_day);
    volume["by_week"] = std::move(by_week);
    volume["by_month"] = std::move(by_month);
    volume["n"] = static_cast<std::uint64_t>(volume_by_day_.total());
    if (no_created_day_) volume["excluded"] = json{{"ticket.no_created", no_created_day_}};
  }
  if (by_channel_.size()) volume["by_channel"] = counts_table(by_channel_, no_channel_, names.channel, "channel", tickets_);
  if (by_category_.size()) volume["by_category"] = counts_table(by_category_, no_category_, names.category, "category", tickets_);
  if (by_status_.size()) volume["by_status"] = counts_table(by_status_, no_status_, names.status, "status", tickets_);
  if (by_priority_.size()) volume["by_priority"] = counts_table(by_priority_, no_priority_, names.priority, "priority", tickets_);
  if (by_group_.size()) volume["by_group"] = counts_table(by_group_, no_group_, names.group, "group", tickets_);
  if (!volume.empty()) metrics["volume"] = std::move(volume);

  // Agents.
  if (agents_.size()) {
    const int definition = chosen >= 0 ? chosen : 0;
    std::vector<std::uint32_t> order;
    for (std::uint32_t id = 0; id < agents_.size(); ++id) {
      if (agents_.find(id)->handled) order.push_back(id);
    }
    std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
      return agents_.find(a)->handled > agents_.find(b)->handled;
    });
    json table = json::array();
    // One row out of line per agent (see the backlog above).
    auto agent_row = [&](std::uint32_t id) __attribute__((noinline)) {
      AgentStats& stats = agents_[id];
      json row{{"agent", std::string(names.agent->name(id))}, {"handled", stats.handled}, {"resolved", stats.resolved}};
      if (stats.fcr_n[definition]) {
        row["fcr"] = number(100.0 * static_cast<double>(stats.fcr_hits[definition]) / static_cast<double>(stats.fcr_n[definition]));
        row["fcr_n"] = stats.fcr_n[definition];
      }
      if (!stats.first_response.empty()) {
        row["first_response_median"] = number(stats.first_response.quantile(0.5));
        row["first_response_n"] = stats.first_response.size();
      }
      if (!stats.resolution.empty()) {
        row["resolution_median"] = number(stats.resolution.quantile(0.5));
        row["resolution_n"] = stats.resolution.size();
      }
      if (stats.csat.numeric() || stats.csat.verdicts()) {
        const RatingScale overall = options.csat_scale ? *options.csat_scale : detect_csat_scale(csat_);
        const json csat = csat_json(stats.csat, &overall, options.csat_threshold ? &*options.csat_threshold : nullptr);
        row["csat"] = csat["value"];
        row["csat_n"] = csat["n"];
      }
      return row;
    };
    for (std::uint32_t id : order) table.push_back(agent_row(id));
    metrics["agents"] = std::move(table);
  }
  return metrics;
}

// ------------------------------------------------------------------------------------- processor

namespace {

class TicketProcessor final : public Processor {
 public:
  TicketProcessor(Context& context, bool event_log) : context_(context), event_log_(event_log), clock_(*context.options->zone) {
    const Mapping& m = *context.mapping;
    // Only the mapped columns get a slot: the per-row loop touches nothing else.
    auto time_slot = [&](Role role, std::int64_t TicketRecord::*field) {
      TimeColumn& column = context.times[static_cast<std::size_t>(role)];
      if (column.valid()) times_.push_back(TimeSlot{&column, column.index(), field});
    };
    time_slot(m.has(Role::created_at) ? Role::created_at : Role::date, &TicketRecord::created);
    time_slot(Role::first_response_at, &TicketRecord::first_response);
    time_slot(Role::resolved_at, &TicketRecord::resolved);
    time_slot(Role::closed_at, &TicketRecord::closed);
    auto text_slot = [&](Role role, Dictionary& dictionary, std::uint32_t TicketRecord::*field) {
      if (m.has(role)) texts_.push_back(TextSlot{m.column(role), &dictionary, field});
    };
    text_slot(Role::channel, channels_, &TicketRecord::channel);
    text_slot(Role::category, categories_, &TicketRecord::category);
    text_slot(Role::agent, agents_, &TicketRecord::agent);
    text_slot(Role::group, groups_, &TicketRecord::group);
    text_slot(Role::priority, priorities_, &TicketRecord::priority);
    col_status_ = m.column(Role::status);
    col_resolved_flag_ = m.column(Role::resolved_flag);
    col_id_ = m.column(Role::ticket_id);
    auto count_slot = [&](Role role, std::int32_t TicketRecord::*field) {
      if (m.has(role)) counts_.push_back(CountSlot{m.column(role), field});
    };
    count_slot(Role::replies, &TicketRecord::replies);
    count_slot(Role::agent_interactions, &TicketRecord::agent_interactions);
    count_slot(Role::customer_interactions, &TicketRecord::customer_interactions);
    count_slot(Role::reopens, &TicketRecord::reopens);
    count_slot(Role::reassignments, &TicketRecord::reassignments);
    count_slot(Role::agent_count, &TicketRecord::agent_count);
    col_rating_ = m.column(Role::rating);
    auto flag_slot = [&](Role role, std::int8_t TicketRecord::*field) {
      if (m.has(role)) flags_.push_back(FlagSlot{m.column(role), field});
    };
    flag_slot(Role::made_sla, &TicketRecord::made_sla);
    flag_slot(Role::sla_first_response, &TicketRecord::sla_first_response);
    flag_slot(Role::sla_resolution, &TicketRecord::sla_resolution);
    auto duration_slot = [&](Role role, double TicketRecord::*field) {
      if (m.has(role)) durations_.push_back(DurationSlot{m.column(role), m.unit(role), field});
    };
    duration_slot(Role::first_response_time, &TicketRecord::first_response_column);
    duration_slot(Role::first_response_time_business, &TicketRecord::first_response_business_column);
    duration_slot(Role::resolution_time, &TicketRecord::resolution_column);
    duration_slot(Role::resolution_time_business, &TicketRecord::resolution_business_column);

    settings_.calendar = context.calendar.get();
    settings_.closed_is_resolution = !m.has(Role::resolved_at) && !m.has(Role::resolution_time);
    settings_.has_resolution_info = m.has(Role::status) || m.has(Role::resolved_at) || m.has(Role::closed_at) ||
                                    m.has(Role::resolution_time) || m.has(Role::resolved_flag);
    settings_.fcr_minutes = context.options->fcr_minutes;
    settings_.has_first_response = m.has(Role::first_response_at) || m.has(Role::first_response_time) || m.has(Role::first_response_time_business);
    settings_.has_resolution_end = m.has(Role::resolved_at) || m.has(Role::closed_at) || m.has(Role::resolution_time) || m.has(Role::resolution_time_business);
    settings_.zone = context.options->zone;
    settings_.has_first_response_business = m.has(Role::first_response_time_business);
    settings_.has_resolution_business = m.has(Role::resolution_time_business);
    main_.set_targets(context.options->sla_first_response_seconds, context.options->sla_resolution_seconds);
    half_.set_targets(context.options->sla_first_response_seconds, context.options->sla_resolution_seconds);
    compare_.set_targets(context.options->sla_first_response_seconds, context.options->sla_resolution_seconds);
    if (m.has(Role::resolved_at) && m.has(Role::closed_at)) {
      context.warnings.push_back("Resolution time runs from creation to the resolved time; the closed time is not used for it.");
    }
    if (ReplyThreads::applies(m)) {
      threads_ = std::make_unique<ReplyThreads>(context, agents_);
      settings_.has_first_response = true;  // from the replies
    } else if (event_log && MessageParts::applies(m)) {
      parts_ = std::make_unique<MessageParts>(context, agents_);
    }
  }

  void add(const std::string_view* f, std::size_t n, std::uint64_t row) override {
    TicketRecord t;
    Issues& issues = *context_.issues;
    // Unrolled on purpose: each column gets its own copy of the inlined readers, so the branch
    // predictor learns each column's own pattern (value lengths, repeated dates) separately.
    const std::size_t time_count = times_.size(), text_count = texts_.size();
    if (time_count > 0) read_time(times_[0], f, n, row, t);
    if (time_count > 1) read_time(times_[1], f, n, row, t);
    if (time_count > 2) read_time(times_[2], f, n, row, t);
    if (time_count > 3) read_time(times_[3], f, n, row, t);
    if (text_count > 0) t.*texts_[0].field = text_id(f, n, texts_[0].index, *texts_[0].dictionary);
    if (text_count > 1) t.*texts_[1].field = text_id(f, n, texts_[1].index, *texts_[1].dictionary);
    if (text_count > 2) t.*texts_[2].field = text_id(f, n, texts_[2].index, *texts_[2].dictionary);
    if (text_count > 3) t.*texts_[3].field = text_id(f, n, texts_[3].index, *texts_[3].dictionary);
    if (text_count > 4) t.*texts_[4].field = text_id(f, n, texts_[4].index, *texts_[4].dictionary);
    if (col_status_ >= 0) {
      t.status = text_id(f, n, col_status_, statuses_);
      if (t.status != Dictionary::missing) t.status_class = statuses_.classify_once(t.status, classify_status);  // resolved / open / unknown
    }
    if (t.status_class == 0 && col_resolved_flag_ >= 0) {
      bool resolved = false;
      const std::string_view flag = Context::cell(f, n, col_resolved_flag_);
      if (read_flag(flag, resolved) == Read::ok) t.status_class = resolved ? 1 : 2;
      else t.status_class = static_cast<std::int8_t>(classify_status(flag));  // Jira's status category: Done / To Do
    }
    for (const CountSlot& slot : counts_) {
      if (static_cast<std::size_t>(slot.index) >= n) continue;
      const std::string_view value = f[slot.index];
      if (value.size() == 1 && static_cast<unsigned char>(value[0] - '0') < 10) {
        t.*slot.field = value[0] - '0';
        continue;
      }
      double number = 0;
      const Read read = read_number(value, context_.decimal, number);
      if (read == Read::ok && number >= 0 && number < 2e9) {
        t.*slot.field = static_cast<std::int32_t>(number);
      } else if (read != Read::missing) {
        issues.cell(Reason::value_bad_number, row, slot.index);
      }
    }
    if (col_rating_ >= 0 && static_cast<std::size_t>(col_rating_) < n && !f[col_rating_].empty()) {
      const std::string_view value = f[col_rating_];
      double number = 0;
      const Read read = read_number(value, context_.decimal, number);
      if (read == Read::ok) {
        t.rating = number;
      } else if (read == Read::bad) {
        const int worded = worded_rating(value);
        const int verdict = worded ? 0 : classify_verdict(value);
        if (worded) t.rating = worded;
        else if (verdict == 1 || verdict == 2) t.verdict = static_cast<std::int8_t>(verdict);
        else if (verdict == 0) issues.cell(Reason::value_bad_number, row, col_rating_);
      }
    }
    for (const DurationSlot& slot : durations_) {
      double seconds = 0;
      const Read read = read_duration(Context::cell(f, n, slot.index), context_.decimal, slot.unit, seconds);
      if (read == Read::ok) t.*slot.field = seconds;
      else if (read == Read::bad) issues.cell(Reason::value_bad_duration, row, slot.index);
    }
    for (const FlagSlot& slot : flags_) {
      bool value = false;
      if (read_flag(Context::cell(f, n, slot.index), value) == Read::ok) t.*slot.field = value;
    }

    if (threads_) {
      threads_->add(f, n, row, t);  // tickets are made from the threads at the end
      return;
    }
    if (event_log_ && col_id_ >= 0) {
      std::string_view id = trim(Context::cell(f, n, col_id_));
      if (id.empty()) {
        context_.issues->skip(Reason::row_no_key, row, col_id_);
        return;
      }
      const std::uint32_t index = ids_.id(id);
      if (index >= records_.size()) {
        records_.push_back(t);
        record_rows_.push_back(row);
      } else {
        if (parts_) MessageParts::fold(records_[index], t);  // message parts: aggregated, not replaced
        else records_[index] = t;  // the last row of an id holds its final state
        record_rows_[index] = row;
      }
      if (parts_) parts_->add(index, f, n, row);
      return;
    }
    accumulate(t, row);
  }

  std::uint64_t records() const override {
    if (threads_) return threads_->threads();
    return event_log_ ? records_.size() : main_.tickets() + compare_.tickets() + half_.tickets();
  }

  void report(json& metrics, json& comparison, json& extra) override {
    if (threads_) {
      threads_->finish([this](const TicketRecord& t, std::uint64_t row) { accumulate(t, row); });
      extra["threads"] = threads_->describe();
    }
    if (event_log_) {
      if (parts_) parts_->finish(records_);
      for (std::size_t i = 0; i < records_.size(); ++i) accumulate(records_[i], record_rows_[i]);
      extra["event_log"] = json{{"id_column", context_.mapping->columns[static_cast<std::size_t>(col_id_)].name},
                                {"records", records_.size()},
                                {"rule", "several rows per id: the last row of each id is its final state"}};
      if (parts_) extra["event_log"].update(parts_->describe());
    }
    const TicketAccumulator::Names names{&statuses_, &channels_, &categories_, &agents_, &groups_, &priorities_};
    main_.merge(half_);
    half_ = TicketAccumulator{};  // merged: records() must not count it twice
    metrics = main_.report(names, *context_.options, settings_, context_.warnings);
    if (context_.comparing()) {
      std::vector<std::string> ignored;
      json other = compare_.report(names, *context_.options, settings_, ignored);
      comparison["metrics"] = compare_metrics(other, metrics);
    }
    for (const Dictionary* dictionary : {&channels_, &categories_, &agents_, &groups_}) {
      if (dictionary->overflowed()) {
        context_.warnings.push_back("A column had more than " + std::to_string(dictionary->other_id()) + " distinct values; the rest are counted as \"(other)\".");
      }
    }
  }

 private:
  void accumulate(const TicketRecord& t, std::uint64_t row) {
    if (!context_.filtering()) {
      (context_.split(row) ? half_ : main_).add(t, settings_, clock_);
      return;
    }
    if (t.created == no_time) {
      context_.issues->skip(Reason::row_outside_period, row);
      return;
    }
    const int target = context_.route(clock_.day(t.created));
    if (target == 0) (context_.split(row) ? half_ : main_).add(t, settings_, clock_);
    else if (target == 1) compare_.add(t, settings_, clock_);
    else context_.issues->skip(Reason::row_outside_period, row);
  }

  // Cells of mapped columns: trimmed text → dictionary id, missing markers → missing.
  [[gnu::always_inline]] static std::uint32_t text_id(const std::string_view* f, std::size_t n, int column, Dictionary& dictionary) {
    if (static_cast<std::size_t>(column) >= n) return Dictionary::missing;
    std::string_view value = f[column];
    if (value.empty()) return Dictionary::missing;
    if (value.front() == ' ' || value.back() == ' ') {
      value = trim(value);
      if (value.empty()) return Dictionary::missing;
    }
    return dictionary.id(value);  // missing markers come back as Dictionary::missing
  }

  struct TimeSlot {
    TimeColumn* column;
    int index;
    std::int64_t TicketRecord::*field;
  };

  [[gnu::always_inline]] void read_time(const TimeSlot& slot, const std::string_view* f, std::size_t n, std::uint64_t row,
                                        TicketRecord& t) {
    if (static_cast<std::size_t>(slot.index) >= n) return;
    const std::string_view text = f[slot.index];
    if (text.empty()) return;
    std::int64_t value = 0;
    const Read read = slot.column->read(text, value);
    if (read == Read::ok) t.*slot.field = value;
    else if (read == Read::bad) context_.issues->cell(Reason::value_bad_timestamp, row, slot.index);
  }
  struct TextSlot {
    int index;
    Dictionary* dictionary;
    std::uint32_t TicketRecord::*field;
  };
  struct CountSlot {
    int index;
    std::int32_t TicketRecord::*field;
  };
  struct FlagSlot {
    int index;
    std::int8_t TicketRecord::*field;
  };
  struct DurationSlot {
    int index;
    double unit;
    double TicketRecord::*field;
  };

  Context& context_;
  bool event_log_;
  LocalClock clock_;
  TicketSettings settings_;
  std::vector<TimeSlot> times_;
  std::vector<TextSlot> texts_;
  std::vector<CountSlot> counts_;
  std::vector<FlagSlot> flags_;
  std::vector<DurationSlot> durations_;
  int col_status_ = -1, col_id_ = -1, col_rating_ = -1, col_resolved_flag_ = -1;
  Dictionary statuses_{10000, &TimeColumn::is_missing}, channels_{10000, &TimeColumn::is_missing},
      categories_{10000, &TimeColumn::is_missing}, agents_{10000, &TimeColumn::is_missing}, groups_{10000, &TimeColumn::is_missing},
      priorities_{10000, &TimeColumn::is_missing};
  Dictionary ids_;
  std::unique_ptr<MessageParts> parts_;  // message-part logs (Intercom)
  std::unique_ptr<ReplyThreads> threads_;  // message logs linked by replies (Twitter)
  std::vector<TicketRecord> records_;
  std::vector<std::uint64_t> record_rows_;
  TicketAccumulator main_, compare_, half_;
};

}  // namespace

std::unique_ptr<Processor> make_ticket_processor(Context& context, bool event_log) {
  return std::make_unique<TicketProcessor>(context, event_log);
}

}  // namespace skpi::analysis
