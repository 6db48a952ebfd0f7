// The small vocabulary of expected outcomes: a Status (code + message) and a
// Result<T> (a value or a Status). Used for refusals the engine expects
// (consent refused, window closed, not found, invalid input); never exceptions
// for control flow inside the engine.
#pragma once

#include <string>
#include <utility>
#include <variant>

#include "sim/runtime/check.h"

namespace msgsim::runtime {

enum class StatusCode {
  kOk,
  kInvalidInput,     // a scenario file, command line or request is malformed
  kNotFound,
  kRefused,          // a rule forbids the action (consent, window, capacity)
  kUnavailable,      // a dependency is down or throttling
  kUnsupported,      // valid input that this build cannot run yet
  kUnauthenticated,  // a request's signature or credentials do not verify
  kTooLarge,         // a request over the accepted size
  kInternal,
};

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}
  static Status ok() { return Status(); }

  bool is_ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : value_(std::move(status)) {  // NOLINT
    MSGSIM_CHECK(!std::get<Status>(value_).is_ok());
  }

  bool is_ok() const { return std::holds_alternative<T>(value_); }
  const Status& status() const { MSGSIM_CHECK(!is_ok()); return std::get<Status>(value_); }
  T& value() { MSGSIM_CHECK(is_ok()); return std::get<T>(value_); }
  const T& value() const { MSGSIM_CHECK(is_ok()); return std::get<T>(value_); }
  T take() { MSGSIM_CHECK(is_ok()); return std::move(std::get<T>(value_)); }

 private:
  std::variant<T, Status> value_;
};

}  // namespace msgsim::runtime
