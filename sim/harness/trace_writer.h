// The streamed trace of `msgsim run --format trace`: a TraceSink that writes
// each trace event of the stack (sim/stack/trace.h) as one JSON line to
// DIR/trace.jsonl while the run goes, e.g.
//   {"kind":"WorkAccepted","t_s":12.5,"session":3,"queue":"support","agent":"generalist-2","work":4}
// `kind` is the TraceKind without its k; `t_s` is simulated seconds, exact to
// the nanosecond; channel, queue and agent ids are their configured string
// ids, the other ids (user, session, work, entry, outbound) are numbers; an id
// the event does not carry is absent. `message` (provider message id or
// handle) appears on the kinds that carry one; `detail` on the kinds that use
// it, with `status` spelled out for session status and agent presence.
// Only the first replication is traced (the runner's choice: replications run
// in parallel and the file describes one run). Nothing is subscribed when no
// trace is asked for, so tracing costs nothing when off. A writer belongs to
// the thread running its replication.
#pragma once

#include <cstdint>
#include <fstream>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "sim/harness/scenario.h"
#include "sim/runtime/status.h"
#include "sim/stack/trace.h"

namespace msgsim::harness {

// "WorkAccepted" for TraceKind::kWorkAccepted, and so on.
const char* trace_kind_name(stack::TraceKind kind);

// The configured string ids, indexed by the stack's ChannelId, QueueId and
// AgentId values (the World creates them in scenario order).
struct TraceNames {
  std::vector<std::string> channels;
  std::vector<std::string> queues;
  std::vector<std::string> agents;  // after expanding `count`: "id-1" ...
};

TraceNames trace_names(const Scenario& scenario);

// Writes JSON lines to a stream it does not own, through its own buffer.
class TraceWriter final : public stack::TraceSink {
 public:
  // `out` must outlive the writer.
  TraceWriter(std::ostream& out, const TraceNames& names);
  TraceWriter(const TraceWriter&) = delete;
  TraceWriter& operator=(const TraceWriter&) = delete;
  ~TraceWriter() override;

  void on_trace(const stack::TraceEvent& event) override;
  // Hands the buffered lines to the stream and flushes it.
  void flush();
  std::uint64_t lines() const { return lines_; }

 private:
  std::ostream& out_;
  std::vector<std::string> channels_;  // already JSON-quoted
  std::vector<std::string> queues_;
  std::vector<std::string> agents_;
  std::string buffer_;
  std::uint64_t lines_ = 0;
};

// trace.jsonl on disk: owns the file and its writer.
class TraceFile {
 public:
  // Opens `path` for writing, creating its folder. Returns kInvalidInput
  // naming the path when it cannot.
  static runtime::Result<std::unique_ptr<TraceFile>> open(const std::string& path, const TraceNames& names);

  stack::TraceSink* sink() { return writer_.get(); }
  // Flushes and closes; returns kInvalidInput naming the path when a write failed.
  runtime::Status close();

 private:
  TraceFile() = default;
  std::string path_;
  std::ofstream file_;
  std::unique_ptr<TraceWriter> writer_;
};

}  // namespace msgsim::harness
