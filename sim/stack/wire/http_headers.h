// The header fields of one HTTP request, in the order they were added.
// Every name and value is kept in one buffer, inside the object up to
// kInlineBytes (room for the seven headers of an Apple webhook) and on the
// heap beyond, so the two to seven headers a codec writes cost no
// allocation: each field was a string pair in a vector before, and a
// message crossing a boundary paid for several of them.
//
// Fields are read as HttpHeader views, valid until the container next
// changes. Names are matched ignoring ASCII case, as HTTP does. A value
// type; a thread may use its own.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <iterator>
#include <span>
#include <string>
#include <string_view>

namespace msgsim::stack {

// One header field, as views of its name and value.
struct HttpHeader {
  std::string_view name;
  std::string_view value;
};

class HttpHeaders {
 public:
  static constexpr std::size_t kInlineBytes = 384;

  // Walks the fields in order; yields HttpHeader views.
  class Iterator {
   public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = HttpHeader;
    using difference_type = std::ptrdiff_t;
    using pointer = void;
    using reference = const HttpHeader;

    Iterator() = default;
    // const: a field is changed through its container, never through a view.
    const HttpHeader operator*() const { return owner_->field_at(offset_); }
    Iterator& operator++() {
      offset_ = owner_->next_offset(offset_);
      return *this;
    }
    Iterator operator++(int) {
      Iterator before = *this;
      ++*this;
      return before;
    }
    bool operator==(const Iterator& other) const { return offset_ == other.offset_; }

   private:
    friend class HttpHeaders;
    Iterator(const HttpHeaders* owner, std::size_t offset) : owner_(owner), offset_(offset) {}

    const HttpHeaders* owner_ = nullptr;
    std::size_t offset_ = 0;
  };

  HttpHeaders() = default;
  HttpHeaders(std::initializer_list<HttpHeader> fields);
  HttpHeaders(const HttpHeaders& other);
  HttpHeaders(HttpHeaders&& other) noexcept;
  HttpHeaders& operator=(const HttpHeaders& other);
  HttpHeaders& operator=(HttpHeaders&& other) noexcept;
  HttpHeaders& operator=(std::initializer_list<HttpHeader> fields);
  ~HttpHeaders() = default;

  std::size_t size() const { return count_; }
  bool empty() const { return count_ == 0; }
  Iterator begin() const { return Iterator(this, 0); }
  Iterator end() const { return Iterator(this, size_); }
  // Field `index` in order (REQUIRES: index < size(); walks the fields).
  const HttpHeader operator[](std::size_t index) const;

  // Appends a field (the bytes are copied: the views may go away after).
  void add(std::string_view name, std::string_view value);
  void push_back(HttpHeader field) { add(field.name, field.value); }
  // Appends a field whose value of `value_bytes` bytes the caller writes at
  // the returned pointer, before any other change to the container.
  // REQUIRES: `name` is not a view of this container.
  char* add_uninitialized(std::string_view name, std::size_t value_bytes);
  void clear() {
    size_ = 0;
    count_ = 0;
  }

  // The value of the first field called `name`, or "" when there is none.
  std::string_view find(std::string_view name) const;
  // True iff a field is called `name` (its value may be empty).
  bool contains(std::string_view name) const;
  // Removes every field called `name`; returns how many there were.
  std::size_t remove(std::string_view name);
  // Replaces every field called `name` by one with `value`, at the end.
  void set(std::string_view name, std::string_view value);
  // The bytes of field `index`'s value, to change in place (REQUIRES:
  // index < size()).
  std::span<char> value_bytes(std::size_t index);

 private:
  // Each field is its name's and value's sizes (4 bytes each, native
  // order), then the name's bytes, then the value's.
  static constexpr std::size_t kSizeBytes = 8;

  const char* data() const { return on_heap_ ? heap_.data() : inline_.data(); }
  char* data() { return on_heap_ ? heap_.data() : inline_.data(); }
  std::size_t capacity() const { return on_heap_ ? heap_.size() : kInlineBytes; }
  // Makes room for `more` bytes at size_ and returns where they go.
  char* extend(std::size_t more);
  void copy_from(const HttpHeaders& other);
  // True iff `text` points into this container's bytes.
  bool views_own_bytes(std::string_view text) const;
  HttpHeader field_at(std::size_t offset) const;
  std::size_t next_offset(std::size_t offset) const;
  // The offset of field `index` (REQUIRES: index < size()).
  std::size_t offset_of(std::size_t index) const;

  std::uint32_t size_ = 0;   // bytes used
  std::uint32_t count_ = 0;  // fields
  bool on_heap_ = false;     // heap_ holds the fields (inline_ is unused)
  std::string heap_;         // sized to its capacity once used
  std::array<char, kInlineBytes> inline_;  // only [0, size_) is ever read
};

}  // namespace msgsim::stack
