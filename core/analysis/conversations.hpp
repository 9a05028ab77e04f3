// Message-part logs (Intercom conversation exports: one row per message part): the rows of a
// conversation are folded into one ticket record, and its agent replies and customer messages are
// counted over the parts, so reply counts, FCR and the agent table work on such files.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/analysis/dictionary.hpp"
#include "core/analysis/kinds.hpp"
#include "core/analysis/tickets.hpp"

namespace skpi::analysis {

class MessageParts {
 public:
  /** `agents` is the ticket processor's agent dictionary: the replying agent's name goes there. */
  MessageParts(Context& context, Dictionary& agents);

  /** A message-part log: the file says who wrote each row (an author-type column). */
  static bool applies(const Mapping& mapping) { return mapping.has(Role::author_type); }

  /** Folds a later row of the same conversation into its record: a value present in the row
   *  replaces the record's, empty cells keep it; creation and first response keep the earliest. */
  static void fold(TicketRecord& into, const TicketRecord& row);

  /** Counts one row (a part) of conversation `index` (0-based, in order of first appearance). */
  void add(std::uint32_t index, const std::string_view* fields, std::size_t count, std::uint64_t row);

  /** Sets replies / agent_interactions / customer_interactions (where the file has no such column)
   *  and the agent (where none is mapped) of every conversation record. */
  void finish(std::vector<TicketRecord>& records) const;

  /** For rows.event_log: how rows were grouped and what the parts were. */
  nlohmann::json describe() const;

 private:
  struct Tally {
    std::uint32_t agent_parts = 0, customer_parts = 0;
    std::int64_t opening_time = INT64_MAX;  // earliest message part (time, then file order)
    std::uint64_t opening_row = UINT64_MAX;
    bool opening_by_customer = false;
    std::int64_t first_agent_time = INT64_MAX;
    std::uint64_t first_agent_row = UINT64_MAX;
    std::uint32_t first_agent = Dictionary::missing;
  };

  Context& context_;
  Dictionary& agents_;
  int col_author_type_ = -1, col_message_type_ = -1, col_author_ = -1, col_body_ = -1;
  TimeColumn* part_time_ = nullptr;  // the message time (message_created_at), when mapped
  Dictionary author_types_{1000}, part_types_{1000};
  std::vector<Tally> tallies_;
  std::uint64_t agent_parts_ = 0, customer_parts_ = 0, bot_parts_ = 0, notes_ = 0, events_ = 0, unknown_authors_ = 0;
};

/** Message logs whose rows say which message they answer (Customer Support on Twitter: tweet_id,
 *  author_id, inbound, created_at, in_response_to_tweet_id). A customer message that answers
 *  nothing opens a thread and is a ticket, created when it was sent; its first response is the
 *  earliest company message that answers it directly, and the agent is that message's author (the
 *  company's handle). Replies may come before or after the message they answer in the file. */
class ReplyThreads {
 public:
  explicit ReplyThreads(Context& context, Dictionary& agents);

  static bool applies(const Mapping& mapping) { return reply_log(mapping); }

  /** One row; `record` holds what the ticket processor read from it (creation time, texts). */
  void add(const std::string_view* fields, std::size_t count, std::uint64_t row, const TicketRecord& record);

  /** Calls visit(record, row) for each thread, in file order of the opening messages. */
  template <typename Visit>
  void finish(Visit&& visit) {
    for (std::size_t i = 0; i < openings_.size(); ++i) {
      TicketRecord record = openings_[i];
      const std::uint32_t id = opening_ids_[i];
      if (id < first_replies_.size() && first_replies_[id].time != no_reply) {
        record.first_response = first_replies_[id].time;
        record.agent = first_replies_[id].author;
        ++answered_;
      }
      visit(record, opening_rows_[i]);
    }
  }

  std::size_t threads() const { return openings_.size(); }

  /** For rows.threads: the rule and the counts (after finish). */
  nlohmann::json describe() const;

 private:
  static constexpr std::int64_t no_reply = INT64_MAX;
  struct Reply {
    std::int64_t time = no_reply;
    std::uint64_t row = UINT64_MAX;
    std::uint32_t author = Dictionary::missing;
  };
  /** 1: from the customer, 2: from the company, 0: not known. */
  int direction(const std::string_view* fields, std::size_t count);

  Context& context_;
  Dictionary& agents_;
  int col_id_ = -1, col_reply_to_ = -1, col_inbound_ = -1, col_author_type_ = -1, col_author_ = -1;
  Dictionary ids_;  // message ids: the openings' own and those replies answer
  Dictionary author_types_{1000};
  std::vector<TicketRecord> openings_;
  std::vector<std::uint64_t> opening_rows_;
  std::vector<std::uint32_t> opening_ids_;
  std::vector<Reply> first_replies_;  // by message id: the earliest company reply to it
  std::uint64_t customer_messages_ = 0, company_messages_ = 0, follow_ups_ = 0, unknown_direction_ = 0,
                no_id_ = 0, answered_ = 0;
};

}  // namespace skpi::analysis
