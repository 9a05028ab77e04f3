// Error values shared by every layer of the core: a stable dotted code, the field at fault and an
// English message. Errors are values here; nothing in the core throws them across an API.
#pragma once

#include <optional>
#include <string>

namespace skpi {

struct Error {
  std::string code;     // stable dotted code, e.g. "input.negative"; the page picks its translated text by it
  std::string field;    // the input, option or column at fault ("" when none)
  std::string message;  // English, for logs and for API users who read it directly
  std::optional<double> limit;  // the bound that was crossed, when there is one (shown in the message)
};

}  // namespace skpi
