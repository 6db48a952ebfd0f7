// The transcript sampler: keeps a few whole conversations of a run for the
// report (transcripts.h), in bounded memory, choosing them as the run goes.
//
// Sample rule, applied online: the first `candidates_per_channel` customer
// devices (channel, handle) that write on each channel (more when the
// channels are too few to fill `shown_max`), at most `candidates_max` in all,
// become candidates when their first message crosses the provider boundary; only candidates' lines are kept, at most
// `lines_max` per view (later ones are counted, not kept). At the end
// `finish` shows up to `shown_max` of them: first the earliest candidate
// whose sessions had a transfer or a consent keyword exchange, then the
// earliest candidate of each channel not shown yet, then the earliest
// others; shown in order of their first session. The same run gives the
// same sample.
//
// Sources: the customer view comes from the fakes (every customer message a
// provider accepts, via fakes::CustomerMessageObserver, and every delivery to
// a device, as a tap on the devices); the agent view from the trace (each
// transcript entry's text as the stack stored it, routing and session
// events) and, at the end, the stored transcripts of the contact's other
// messaging users, which is what the console shows beside the conversation.
// Subscribe it to the stack's tracer, the ground truth and the devices.
// Single-threaded.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "fakes/ground_truth.h"
#include "fakes/providers/device.h"
#include "sim/harness/transcripts.h"
#include "sim/stack/stack.h"
#include "sim/stack/trace.h"

namespace msgsim::harness {

struct TranscriptSampleLimits {
  std::size_t shown_max = 5;
  std::size_t candidates_per_channel = 2;
  std::size_t candidates_max = 24;
  std::size_t lines_max = 60;  // per view of one conversation
};

class TranscriptSampler final : public stack::TraceSink,
                                public fakes::Device,
                                public fakes::CustomerMessageObserver {
 public:
  // Reads names, transcript texts and contacts from `stack`; never changes it.
  TranscriptSampler(stack::Stack& stack, const fakes::GroundTruth& truth, TranscriptSampleLimits limits = {});
  TranscriptSampler(const TranscriptSampler&) = delete;
  TranscriptSampler& operator=(const TranscriptSampler&) = delete;

  void on_trace(const stack::TraceEvent& event) override;
  void on_customer_message(stack::ChannelId channel, stack::CustomerHandle handle, std::string_view text,
                           runtime::Time at) override;
  void on_business_message(stack::ChannelId channel, stack::CustomerHandle handle, std::string_view text) override;
  void on_agent_joined(stack::ChannelId channel, stack::CustomerHandle handle) override;

  // The sampled conversations as they stand now (call once, after the run).
  std::vector<SampledConversation> finish() const;

 private:
  struct Candidate {
    stack::ChannelId channel;
    stack::CustomerHandle handle;
    stack::MessagingUserId user;  // none until the stack created it
    SampledConversation conversation;  // its agent view holds the candidate's own lines only
  };
  using Index = std::uint32_t;  // into candidates_
  static constexpr Index kNone = ~Index{0};

  Index candidate_of(stack::ChannelId channel, stack::CustomerHandle handle) const;
  Index candidate_of_user(stack::MessagingUserId user) const;
  Index candidate_of_session(stack::SessionId session) const;
  void on_user_event(const stack::TraceEvent& event);
  void on_session_event(Index candidate, const stack::TraceEvent& event);
  void add_customer_line(Index candidate, CustomerViewLine line);
  void add_agent_line(Index candidate, const stack::TraceEvent& event, std::string from, std::string text);
  std::string agent_name(stack::AgentId agent) const;
  std::string queue_name(stack::QueueId queue) const;
  std::vector<Index> chosen() const;
  // Adds to each shown conversation (shown[i] is candidate order[i]) its
  // contact's other channels and their stored messages, marked linked.
  void add_linked_lines(std::vector<SampledConversation>& shown, const std::vector<Index>& order) const;

  stack::Stack& stack_;
  const fakes::GroundTruth& truth_;
  TranscriptSampleLimits limits_;
  std::vector<Candidate> candidates_;
  std::size_t per_channel_max_ = 0;  // set at the first customer message, when the channels exist
  std::vector<std::vector<Index>> by_channel_;  // candidates per channel id (few each)
  std::vector<std::pair<std::uint32_t, Index>> users_;     // (user id, candidate), few
  std::vector<std::pair<std::uint32_t, Index>> sessions_;  // (session id, candidate), ascending ids
};

}  // namespace msgsim::harness
