#include "sim/stack/wire/http_headers.h"

#include <algorithm>
#include <cstring>
#include <functional>
#include <limits>

#include "sim/runtime/check.h"
#include "sim/stack/wire/http_message.h"

namespace msgsim::stack {

namespace {

std::uint32_t load_size(const char* at) {
  std::uint32_t size = 0;
  std::memcpy(&size, at, sizeof size);
  return size;
}

void store_size(char* at, std::size_t size) {
  const auto narrow = static_cast<std::uint32_t>(size);
  std::memcpy(at, &narrow, sizeof narrow);
}

}  // namespace

HttpHeaders::HttpHeaders(std::initializer_list<HttpHeader> fields) {
  for (const HttpHeader& field : fields) add(field.name, field.value);
}

HttpHeaders::HttpHeaders(const HttpHeaders& other) { copy_from(other); }

HttpHeaders::HttpHeaders(HttpHeaders&& other) noexcept { *this = std::move(other); }

HttpHeaders& HttpHeaders::operator=(const HttpHeaders& other) {
  if (this != &other) {
    clear();
    copy_from(other);
  }
  return *this;
}

HttpHeaders& HttpHeaders::operator=(HttpHeaders&& other) noexcept {
  if (this == &other) return *this;
  if (other.on_heap_) {
    heap_ = std::move(other.heap_);
    on_heap_ = true;
  } else {
    // Into this object's own storage, whichever it is (room is never short:
    // a heap buffer is larger than the inline one).
    std::memcpy(data(), other.inline_.data(), other.size_);
  }
  size_ = other.size_;
  count_ = other.count_;
  other.on_heap_ = false;
  other.heap_.clear();
  other.clear();
  return *this;
}

HttpHeaders& HttpHeaders::operator=(std::initializer_list<HttpHeader> fields) {
  // Built aside first: the fields may be views of this container's bytes.
  HttpHeaders replacement(fields);
  return *this = std::move(replacement);
}

void HttpHeaders::copy_from(const HttpHeaders& other) {
  std::memcpy(extend(other.size_), other.data(), other.size_);
  count_ = other.count_;
}

char* HttpHeaders::extend(std::size_t more) {
  const std::size_t needed = size_ + more;
  MSGSIM_CHECK_MSG(needed <= std::numeric_limits<std::uint32_t>::max(), "HTTP headers over 4 GiB");
  if (needed > capacity()) {
    if (on_heap_) {
      heap_.resize(std::max(needed, 2 * heap_.size()));
    } else {
      heap_.resize(std::max(needed, 2 * kInlineBytes));
      std::memcpy(heap_.data(), inline_.data(), size_);
      on_heap_ = true;
    }
  }
  char* at = data() + size_;
  size_ = static_cast<std::uint32_t>(needed);
  return at;
}

char* HttpHeaders::add_uninitialized(std::string_view name, std::size_t value_bytes) {
  char* at = extend(kSizeBytes + name.size() + value_bytes);
  store_size(at, name.size());
  store_size(at + 4, value_bytes);
  if (!name.empty()) std::memcpy(at + kSizeBytes, name.data(), name.size());
  ++count_;
  return at + kSizeBytes + name.size();
}

bool HttpHeaders::views_own_bytes(std::string_view text) const {
  const char* base = data();
  return !text.empty() && std::less_equal<const char*>()(base, text.data()) &&
         std::less<const char*>()(text.data(), base + size_);
}

void HttpHeaders::add(std::string_view name, std::string_view value) {
  // A view of this container's own bytes would not survive a move to the heap.
  if (views_own_bytes(name) || views_own_bytes(value)) {
    const std::string name_copy(name);
    const std::string value_copy(value);
    add(name_copy, value_copy);
    return;
  }
  char* at = add_uninitialized(name, value.size());
  if (!value.empty()) std::memcpy(at, value.data(), value.size());  // an empty view may have no data
}

HttpHeader HttpHeaders::field_at(std::size_t offset) const {
  const char* at = data() + offset;
  const std::uint32_t name_size = load_size(at);
  const std::uint32_t value_size = load_size(at + 4);
  return HttpHeader{std::string_view(at + kSizeBytes, name_size),
                    std::string_view(at + kSizeBytes + name_size, value_size)};
}

std::size_t HttpHeaders::next_offset(std::size_t offset) const {
  const char* at = data() + offset;
  return offset + kSizeBytes + load_size(at) + load_size(at + 4);
}

std::size_t HttpHeaders::offset_of(std::size_t index) const {
  MSGSIM_CHECK(index < count_);
  std::size_t offset = 0;
  for (std::size_t i = 0; i < index; ++i) offset = next_offset(offset);
  return offset;
}

const HttpHeader HttpHeaders::operator[](std::size_t index) const { return field_at(offset_of(index)); }

std::string_view HttpHeaders::find(std::string_view name) const {
  for (std::size_t offset = 0; offset < size_; offset = next_offset(offset)) {
    const HttpHeader field = field_at(offset);
    if (field.name.size() == name.size() && equals_ignoring_case(field.name, name)) return field.value;
  }
  return {};
}

bool HttpHeaders::contains(std::string_view name) const {
  for (std::size_t offset = 0; offset < size_; offset = next_offset(offset)) {
    const HttpHeader field = field_at(offset);
    if (field.name.size() == name.size() && equals_ignoring_case(field.name, name)) return true;
  }
  return false;
}

std::size_t HttpHeaders::remove(std::string_view name) {
  // Compacts in place: kept fields slide down over the removed ones.
  char* bytes = data();
  std::size_t kept_end = 0;
  std::size_t removed = 0;
  for (std::size_t offset = 0; offset < size_;) {
    const std::size_t next = next_offset(offset);
    if (equals_ignoring_case(field_at(offset).name, name)) {
      ++removed;
    } else {
      if (kept_end != offset) std::memmove(bytes + kept_end, bytes + offset, next - offset);
      kept_end += next - offset;
    }
    offset = next;
  }
  size_ = static_cast<std::uint32_t>(kept_end);
  count_ -= static_cast<std::uint32_t>(removed);
  return removed;
}

void HttpHeaders::set(std::string_view name, std::string_view value) {
  // A view of a field about to be removed is copied first.
  if (views_own_bytes(name) || views_own_bytes(value)) {
    const std::string name_copy(name);
    const std::string value_copy(value);
    set(name_copy, value_copy);
    return;
  }
  remove(name);
  add(name, value);
}

std::span<char> HttpHeaders::value_bytes(std::size_t index) {
  const std::size_t offset = offset_of(index);
  char* at = data() + offset;
  const std::uint32_t name_size = load_size(at);
  return std::span<char>(at + kSizeBytes + name_size, load_size(at + 4));
}

}  // namespace msgsim::stack
