#include "core/analysis/conversations.hpp"

#include <cmath>

namespace skpi::analysis {

namespace {

bool earlier(std::int64_t time, std::uint64_t row, std::int64_t than_time, std::uint64_t than_row) {
  return time != than_time ? time < than_time : row < than_row;
}

}  // namespace

MessageParts::MessageParts(Context& context, Dictionary& agents) : context_(context), agents_(agents) {
  const Mapping& m = *context.mapping;
  (void)context_;
  col_author_type_ = m.column(Role::author_type);
  col_message_type_ = m.column(Role::message_type);
  col_author_ = m.column(Role::author_name);
  col_body_ = m.column(Role::message_body);
  // The part's own time is the generic date column (message_created_at).
  TimeColumn& column = context.times[static_cast<std::size_t>(Role::date)];
  if (column.valid()) part_time_ = &column;
}

void MessageParts::fold(TicketRecord& into, const TicketRecord& row) {
  auto earliest = [](std::int64_t& a, std::int64_t b) {
    if (b != no_time && (a == no_time || b < a)) a = b;
  };
  auto later = [](std::int64_t& a, std::int64_t b) {
    if (b != no_time) a = b;
  };
  earliest(into.created, row.created);
  earliest(into.first_response, row.first_response);
  later(into.resolved, row.resolved);
  later(into.closed, row.closed);
  auto text = [](std::uint32_t& a, std::uint32_t b) {
    if (b != Dictionary::missing) a = b;
  };
  if (row.status != Dictionary::missing) {
    into.status = row.status;
    into.status_class = row.status_class;
  } else if (row.status_class != 0) {
    into.status_class = row.status_class;
  }
  text(into.channel, row.channel);
  text(into.category, row.category);
  text(into.agent, row.agent);
  text(into.group, row.group);
  text(into.priority, row.priority);
  if (row.verdict) into.verdict = row.verdict;
  auto flag = [](std::int8_t& a, std::int8_t b) {
    if (b >= 0) a = b;
  };
  flag(into.made_sla, row.made_sla);
  flag(into.sla_first_response, row.sla_first_response);
  flag(into.sla_resolution, row.sla_resolution);
  auto count = [](std::int32_t& a, std::int32_t b) {
    if (b >= 0) a = b;
  };
  count(into.replies, row.replies);
  count(into.agent_interactions, row.agent_interactions);
  count(into.customer_interactions, row.customer_interactions);
  count(into.reopens, row.reopens);
  count(into.reassignments, row.reassignments);
  count(into.agent_count, row.agent_count);
  auto value = [](double& a, double b) {
    if (!std::isnan(b)) a = b;
  };
  value(into.rating, row.rating);
  value(into.first_response_column, row.first_response_column);
  value(into.first_response_business_column, row.first_response_business_column);
  value(into.resolution_column, row.resolution_column);
  value(into.resolution_business_column, row.resolution_business_column);
}

void MessageParts::add(std::uint32_t index, const std::string_view* f, std::size_t n, std::uint64_t row) {
  if (index >= tallies_.size()) tallies_.resize(index + 1);
  Tally& tally = tallies_[index];

  // Author and part classes once per distinct value (the words are a table in roles.cpp).
  int author = 0;
  const std::string_view author_text = trim(Context::cell(f, n, col_author_type_));
  if (!author_text.empty()) author = author_types_.classify_once(author_types_.id(author_text), classify_author);
  int part = 0;
  if (col_message_type_ >= 0) {
    const std::string_view part_text = trim(Context::cell(f, n, col_message_type_));
    if (!part_text.empty()) part = part_types_.classify_once(part_types_.id(part_text), classify_part);
  }
  if (part == 2) {  // internal notes never reach the customer
    ++notes_;
    return;
  }
  if (part == 3) {  // assignments, closes, snoozes: a message only when they carry a body
    const bool body = col_body_ >= 0 && !trim(Context::cell(f, n, col_body_)).empty();
    if (!body) {
      ++events_;
      return;
    }
  }
  std::int64_t time = INT64_MAX;
  if (part_time_) {
    std::int64_t millis = 0;
    if (part_time_->read(Context::cell(f, n, part_time_->index()), millis) == Read::ok) time = millis;
  }
  if (earlier(time, row, tally.opening_time, tally.opening_row)) {
    tally.opening_time = time;
    tally.opening_row = row;
    tally.opening_by_customer = author == 2;
  }
  switch (author) {
    case 1:
      ++tally.agent_parts;
      ++agent_parts_;
      if (earlier(time, row, tally.first_agent_time, tally.first_agent_row)) {
        tally.first_agent_time = time;
        tally.first_agent_row = row;
        const std::string_view name = trim(Context::cell(f, n, col_author_));
        tally.first_agent = name.empty() || TimeColumn::is_missing(name) ? Dictionary::missing : agents_.id(name);
      }
      break;
    case 2:
      ++tally.customer_parts;
      ++customer_parts_;
      break;
    case 3:
      ++bot_parts_;
      break;
    default:
      ++unknown_authors_;
      break;
  }
}

void MessageParts::finish(std::vector<TicketRecord>& records) const {
  for (std::size_t i = 0; i < records.size() && i < tallies_.size(); ++i) {
    TicketRecord& record = records[i];
    const Tally& tally = tallies_[i];
    const auto agent_parts = static_cast<std::int32_t>(tally.agent_parts);
    // The customer's opening message starts the conversation; only later customer messages are
    // follow-ups (Freshdesk's "Customer interactions" counts the same way).
    const auto follow_ups = static_cast<std::int32_t>(tally.customer_parts - (tally.opening_by_customer ? 1 : 0));
    if (record.replies < 0) record.replies = agent_parts;
    if (record.agent_interactions < 0) record.agent_interactions = agent_parts;
    if (record.customer_interactions < 0) record.customer_interactions = follow_ups;
    if (record.agent == Dictionary::missing) record.agent = tally.first_agent;
  }
}

nlohmann::json MessageParts::describe() const {
  return nlohmann::json{
      {"rule",
       "one row per message part: rows grouped by conversation; conversation columns folded over its rows (the last "
       "non-empty value; the earliest creation and first response); replies = agent-side message parts, customer "
       "follow-ups = customer parts after the opening message; notes, bot parts and events without a body are not "
       "counted; the agent is the first agent-side author to reply"},
      {"parts", nlohmann::json{{"agent", agent_parts_},
                               {"customer", customer_parts_},
                               {"bot", bot_parts_},
                               {"notes", notes_},
                               {"events", events_},
                               {"unknown_author", unknown_authors_}}}};
}

// ------------------------------------------------------------------------------------ ReplyThreads

ReplyThreads::ReplyThreads(Context& context, Dictionary& agents) : context_(context), agents_(agents) {
  const Mapping& m = *context.mapping;
  col_id_ = m.column(Role::message_id);
  col_reply_to_ = m.column(Role::reply_to);
  col_inbound_ = m.column(Role::inbound);
  col_author_type_ = m.column(Role::author_type);
  col_author_ = m.column(Role::author_name);
}

int ReplyThreads::direction(const std::string_view* f, std::size_t n) {
  if (col_inbound_ >= 0) {
    bool inbound = false;
    if (read_flag(Context::cell(f, n, col_inbound_), inbound) == Read::ok) return inbound ? 1 : 2;
    return 0;
  }
  const std::string_view author_text = trim(Context::cell(f, n, col_author_type_));
  if (author_text.empty()) return 0;
  const int author = author_types_.classify_once(author_types_.id(author_text), classify_author);
  return author == 2 ? 1 : author == 1 ? 2 : 0;  // customer; agent (a bot's message is no response)
}

void ReplyThreads::add(const std::string_view* f, std::size_t n, std::uint64_t row, const TicketRecord& record) {
  const int from = direction(f, n);
  const std::string_view answered = trim(Context::cell(f, n, col_reply_to_));
  const bool answers = !answered.empty() && !TimeColumn::is_missing(answered);
  if (from == 1) {
    ++customer_messages_;
    if (answers) {
      ++follow_ups_;  // part of a thread opened earlier
      return;
    }
    const std::string_view id = trim(Context::cell(f, n, col_id_));
    if (id.empty() || TimeColumn::is_missing(id)) {
      ++no_id_;
      context_.issues->skip(Reason::row_no_key, row, col_id_);
      return;
    }
    openings_.push_back(record);
    opening_rows_.push_back(row);
    opening_ids_.push_back(ids_.id(id));
  } else if (from == 2) {
    ++company_messages_;
    if (!answers || record.created == no_time) return;
    const std::uint32_t message = ids_.id(answered);
    if (message >= first_replies_.size()) first_replies_.resize(static_cast<std::size_t>(message) + 1);
    Reply& first = first_replies_[message];
    if (record.created < first.time || (record.created == first.time && row < first.row)) {
      const std::string_view author = trim(Context::cell(f, n, col_author_));
      first = Reply{record.created, row, author.empty() || TimeColumn::is_missing(author) ? Dictionary::missing : agents_.id(author)};
    }
  } else {
    ++unknown_direction_;
  }
}

nlohmann::json ReplyThreads::describe() const {
  return nlohmann::json{
      {"rule",
       "messages linked by replies: a customer message that answers no other message opens a thread (a ticket, created "
       "when it was sent); its first response is the earliest company message that answers it directly, and the agent "
       "is that message's author; later customer messages in a thread are follow-ups"},
      {"threads", openings_.size()},
      {"answered", answered_},
      {"customer_messages", customer_messages_},
      {"company_messages", company_messages_},
      {"follow_ups", follow_ups_},
      {"direction_unknown", unknown_direction_},
      {"no_message_id", no_id_}};
}

}  // namespace skpi::analysis
