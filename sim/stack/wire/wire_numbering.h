// How the stack turns a provider's strings into its own numbers in wire mode:
// a customer's address becomes a CustomerHandle and an event's id a
// ProviderMessageId. The numbers are labels only (the stack compares them,
// never reads meaning into them), so any injective numbering gives the same
// behaviour. InterningNumbering is the stack's own; a simulated world may
// supply one that reproduces its fakes' numbering, so that its oracles can
// read the stack's records without a translation table. Single-threaded.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "sim/stack/ids.h"

namespace msgsim::stack {

class WireNumbering {
 public:
  virtual ~WireNumbering() = default;
  virtual CustomerHandle handle_for(ChannelId channel, std::string_view address) = 0;
  virtual ProviderMessageId message_for(ChannelId channel, std::string_view message_id) = 0;
  // The address handle_for turned into `handle` ("" for a handle it never
  // made): where the stack's messages to that customer go.
  virtual std::string address_of(ChannelId channel, CustomerHandle handle) const = 0;
};

// 64-bit FNV-1a of the bytes, finished by a SplitMix64 mix: the interned
// number of a provider id. Two distinct ids of one channel collide with
// probability about n^2 / 2^65 (1e-8 for a million ids).
std::uint64_t hash_provider_id(std::string_view id);

// Handles in order of first appearance per channel (1, 2, ...); message ids
// hashed by hash_provider_id, so they need no table.
class InterningNumbering final : public WireNumbering {
 public:
  CustomerHandle handle_for(ChannelId channel, std::string_view address) override;
  ProviderMessageId message_for(ChannelId channel, std::string_view message_id) override;
  std::string address_of(ChannelId channel, CustomerHandle handle) const override;

 private:
  struct ChannelAddresses {
    std::unordered_map<std::string, std::uint64_t> handles;
    std::vector<std::string> addresses;  // by handle - 1
  };
  std::vector<ChannelAddresses> channels_;  // by channel
};

}  // namespace msgsim::stack
