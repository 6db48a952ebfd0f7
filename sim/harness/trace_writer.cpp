// JSON lines of trace events (trace_writer.h). Lines are formatted by hand
// into one buffer (no JSON DOM per event): a traced run of a million events
// should cost little more than the bytes it writes.
#include "sim/harness/trace_writer.h"

#include <charconv>
#include <filesystem>

#include <nlohmann/json.hpp>

#include "sim/stack/channels/payloads.h"
#include "sim/stack/routing/routing_settings.h"
#include "sim/stack/sessions/session_state.h"

namespace msgsim::harness {

namespace {

using stack::TraceKind;

constexpr std::size_t kFlushBytes = 64 * 1024;

void append_number(std::string& out, std::uint64_t value) {
  char digits[24];
  const auto [end, error] = std::to_chars(digits, digits + sizeof digits, value);
  out.append(digits, end);
}

// Seconds from integer nanoseconds, exact: whole seconds, then the fraction
// without trailing zeros ("12.5", "3600", "0.000000001").
void append_seconds(std::string& out, std::int64_t ns) {
  if (ns < 0) {
    out += '-';
    ns = -ns;
  }
  constexpr std::int64_t kPerSecond = 1'000'000'000;
  append_number(out, static_cast<std::uint64_t>(ns / kPerSecond));
  std::int64_t fraction = ns % kPerSecond;
  if (fraction == 0) return;
  char digits[9];
  for (int i = 8; i >= 0; --i) {
    digits[i] = static_cast<char>('0' + fraction % 10);
    fraction /= 10;
  }
  int length = 9;
  while (digits[length - 1] == '0') --length;
  out += '.';
  out.append(digits, static_cast<std::size_t>(length));
}

// A configured id by index, or the bare number if the index has no name
// (never for a world built from the scenario the names came from).
template <typename Tag>
void append_named(std::string& out, const char* key, stack::Id<Tag> id, const std::vector<std::string>& names) {
  if (!id.valid()) return;
  out += ",\"";
  out += key;
  out += "\":";
  if (id.value < names.size()) {
    out += names[id.value];
  } else {
    append_number(out, id.value);
  }
}

template <typename Tag>
void append_id(std::string& out, const char* key, stack::Id<Tag> id) {
  if (!id.valid()) return;
  out += ",\"";
  out += key;
  out += "\":";
  append_number(out, id.value);
}

void append_text(std::string& out, const char* key, const char* value) {
  out += ",\"";
  out += key;
  out += "\":\"";
  out += value;
  out += '"';
}

const char* delivery_state_name(stack::DeliveryState state) {
  switch (state) {
    case stack::DeliveryState::kQueued: return "queued";
    case stack::DeliveryState::kSent: return "sent";
    case stack::DeliveryState::kDelivered: return "delivered";
    case stack::DeliveryState::kRead: return "read";
    case stack::DeliveryState::kFailed: return "failed";
  }
  return "?";
}

// `message` and `detail`, on the kinds that carry them (trace.h).
void append_kind_fields(std::string& out, const stack::TraceEvent& event) {
  switch (event.kind) {
    case TraceKind::kMessagingUserCreated:
    case TraceKind::kInboundAccepted:
    case TraceKind::kDuplicateAbsorbed:
      out += ",\"message\":";
      append_number(out, event.message);
      return;
    case TraceKind::kSessionStatus:
      append_text(out, "status", stack::session_status_name(static_cast<stack::SessionStatus>(event.detail)));
      break;
    case TraceKind::kAgentPresence:
      append_text(out, "status", stack::presence_status_name(static_cast<stack::PresenceStatus>(event.detail)));
      break;
    case TraceKind::kDeliveryStatus:
      append_text(out, "state", delivery_state_name(static_cast<stack::DeliveryState>(event.detail)));
      if (event.message != 0) {
        out += ",\"error_code\":";
        append_number(out, event.message);
      }
      break;
    case TraceKind::kOutboundRefused: break;
    case TraceKind::kProviderRefused:
      out += ",\"error_code\":";
      append_number(out, event.message);
      return;
    default: return;
  }
  out += ",\"detail\":";
  append_number(out, event.detail);
}

std::vector<std::string> quoted(const std::vector<std::string>& names) {
  std::vector<std::string> out;
  out.reserve(names.size());
  for (const std::string& name : names) out.push_back(nlohmann::json(name).dump());
  return out;
}

}  // namespace

const char* trace_kind_name(stack::TraceKind kind) {
  switch (kind) {
    case TraceKind::kMessagingUserCreated: return "MessagingUserCreated";
    case TraceKind::kInboundAccepted: return "InboundAccepted";
    case TraceKind::kDuplicateAbsorbed: return "DuplicateAbsorbed";
    case TraceKind::kSessionCreated: return "SessionCreated";
    case TraceKind::kSessionStatus: return "SessionStatus";
    case TraceKind::kRoutingRequested: return "RoutingRequested";
    case TraceKind::kWorkOffered: return "WorkOffered";
    case TraceKind::kWorkAccepted: return "WorkAccepted";
    case TraceKind::kWorkClosed: return "WorkClosed";
    case TraceKind::kWorkDeclined: return "WorkDeclined";
    case TraceKind::kWorkPushTimeout: return "WorkPushTimeout";
    case TraceKind::kWorkWithdrawn: return "WorkWithdrawn";
    case TraceKind::kWorkCanceled: return "WorkCanceled";
    case TraceKind::kWorkTransferred: return "WorkTransferred";
    case TraceKind::kOverflowed: return "Overflowed";
    case TraceKind::kSkillsDropped: return "SkillsDropped";
    case TraceKind::kOutboundSubmitted: return "OutboundSubmitted";
    case TraceKind::kOutboundRefused: return "OutboundRefused";
    case TraceKind::kDeliveryStatus: return "DeliveryStatus";
    case TraceKind::kAgentPresence: return "AgentPresence";
    case TraceKind::kBotResolved: return "BotResolved";
    case TraceKind::kContactLinked: return "ContactLinked";
    case TraceKind::kProviderRefused: return "ProviderRefused";
  }
  return "Unknown";
}

TraceNames trace_names(const Scenario& scenario) {
  TraceNames names;
  for (const Channel& channel : scenario.org.channels) names.channels.push_back(channel.id);
  for (const Queue& queue : scenario.org.queues) names.queues.push_back(queue.id);
  for (const AgentGroup& group : scenario.org.agents) {
    for (int i = 1; i <= group.count; ++i) {
      names.agents.push_back(group.count == 1 ? group.id : group.id + "-" + std::to_string(i));
    }
  }
  return names;
}

TraceWriter::TraceWriter(std::ostream& out, const TraceNames& names)
    : out_(out), channels_(quoted(names.channels)), queues_(quoted(names.queues)), agents_(quoted(names.agents)) {
  buffer_.reserve(kFlushBytes + 1024);
}

TraceWriter::~TraceWriter() { flush(); }

void TraceWriter::on_trace(const stack::TraceEvent& event) {
  buffer_ += "{\"kind\":\"";
  buffer_ += trace_kind_name(event.kind);
  buffer_ += "\",\"t_s\":";
  append_seconds(buffer_, event.at.ns());
  append_named(buffer_, "channel", event.channel, channels_);
  append_id(buffer_, "user", event.user);
  append_id(buffer_, "session", event.session);
  append_named(buffer_, "queue", event.queue, queues_);
  append_named(buffer_, "agent", event.agent, agents_);
  append_id(buffer_, "work", event.work);
  append_id(buffer_, "entry", event.entry);
  append_id(buffer_, "outbound", event.outbound);
  append_kind_fields(buffer_, event);
  buffer_ += "}\n";
  ++lines_;
  if (buffer_.size() >= kFlushBytes) {
    out_.write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
    buffer_.clear();
  }
}

void TraceWriter::flush() {
  out_.write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
  buffer_.clear();
  out_.flush();
}

runtime::Result<std::unique_ptr<TraceFile>> TraceFile::open(const std::string& path, const TraceNames& names) {
  std::unique_ptr<TraceFile> trace(new TraceFile());
  trace->path_ = path;
  const std::filesystem::path parent = std::filesystem::path(path).parent_path();
  std::error_code error;
  if (!parent.empty()) std::filesystem::create_directories(parent, error);
  if (!error) trace->file_.open(path, std::ios::binary | std::ios::trunc);
  if (error || !trace->file_) {
    return runtime::Status(runtime::StatusCode::kInvalidInput,
                           path + ": cannot write the trace" + (error ? ": " + error.message() : std::string()));
  }
  trace->writer_ = std::make_unique<TraceWriter>(trace->file_, names);
  return trace;
}

runtime::Status TraceFile::close() {
  if (writer_) writer_->flush();
  file_.close();
  if (!file_) return runtime::Status(runtime::StatusCode::kInvalidInput, path_ + ": cannot write the trace");
  return runtime::Status::ok();
}

}  // namespace msgsim::harness
