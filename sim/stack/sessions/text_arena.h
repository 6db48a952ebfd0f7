// Append-only storage for message texts: large chunks, each text stored once
// and referenced by a small handle, so a transcript entry costs no heap
// allocation and texts never move (views stay valid for the arena's life).
// Single-threaded.
#pragma once

#include <cstdint>
#include <cstring>
#include <memory>
#include <string_view>
#include <vector>

namespace msgsim::stack {

struct TextRef {
  std::uint32_t chunk = 0;
  std::uint32_t offset = 0;
  std::uint32_t length = 0;
};

class TextArena {
 public:
  static constexpr std::size_t kChunkBytes = 1 << 20;

  TextRef store(std::string_view text) {
    if (text.empty()) return TextRef{};
    if (text.size() > kChunkBytes) {
      // A text larger than a chunk gets a chunk of its own.
      chunks_.push_back(std::make_unique<char[]>(text.size()));
      std::memcpy(chunks_.back().get(), text.data(), text.size());
      used_in_last_ = kChunkBytes;  // the next text starts a new chunk
      return TextRef{static_cast<std::uint32_t>(chunks_.size() - 1), 0, static_cast<std::uint32_t>(text.size())};
    }
    if (chunks_.empty() || used_in_last_ + text.size() > kChunkBytes) {
      chunks_.push_back(std::make_unique<char[]>(kChunkBytes));
      used_in_last_ = 0;
    }
    std::memcpy(chunks_.back().get() + used_in_last_, text.data(), text.size());
    TextRef ref{static_cast<std::uint32_t>(chunks_.size() - 1), static_cast<std::uint32_t>(used_in_last_),
                static_cast<std::uint32_t>(text.size())};
    used_in_last_ += text.size();
    return ref;
  }

  std::string_view view(TextRef ref) const {
    if (ref.length == 0) return {};
    return std::string_view(chunks_[ref.chunk].get() + ref.offset, ref.length);
  }

 private:
  std::vector<std::unique_ptr<char[]>> chunks_;
  std::size_t used_in_last_ = 0;
};

}  // namespace msgsim::stack
