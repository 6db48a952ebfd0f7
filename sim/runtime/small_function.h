// A move-only `void()` callable stored inline (no heap allocation), for event
// callbacks on the hot path. Captures must fit in kCapacity bytes; a larger
// capture is a compile error, which keeps scheduling allocation-free.
#pragma once

#include <cstddef>
#include <cstring>
#include <new>
#include <type_traits>
#include <utility>

namespace msgsim::runtime {

class SmallFunction {
 public:
  static constexpr std::size_t kCapacity = 40;

  SmallFunction() = default;

  template <typename F, typename = std::enable_if_t<!std::is_same_v<std::decay_t<F>, SmallFunction>>>
  SmallFunction(F&& f) {  // NOLINT: implicit from any callable by design
    using Fn = std::decay_t<F>;
    static_assert(sizeof(Fn) <= kCapacity, "event capture too large: capture ids, not objects");
    static_assert(alignof(Fn) <= alignof(std::max_align_t));
    static_assert(std::is_nothrow_move_constructible_v<Fn>);
    new (storage_) Fn(std::forward<F>(f));
    ops_ = &kOps<Fn>;
  }

  SmallFunction(SmallFunction&& other) noexcept : ops_(other.ops_) {
    move_storage(other);
    other.ops_ = nullptr;
  }
  SmallFunction& operator=(SmallFunction&& other) noexcept {
    if (this != &other) {
      reset();
      ops_ = other.ops_;
      move_storage(other);
      other.ops_ = nullptr;
    }
    return *this;
  }
  SmallFunction(const SmallFunction&) = delete;
  SmallFunction& operator=(const SmallFunction&) = delete;
  ~SmallFunction() { reset(); }

  explicit operator bool() const { return ops_ != nullptr; }
  void operator()() { ops_->call(storage_); }
  void reset() {
    if (ops_ != nullptr && !ops_->trivial) ops_->destroy(storage_);
    ops_ = nullptr;
  }

 private:
  struct Ops {
    bool trivial;  // trivially copyable and destructible: moved by memcpy, never destroyed
    void (*call)(void*);
    void (*move)(void* from, void* to);  // move-constructs into `to`, destroys `from`
    void (*destroy)(void*);
  };
  // Most event captures are a pointer and a few ids: copying the raw bytes
  // avoids two indirect calls per event.
  void move_storage(SmallFunction& other) {
    if (ops_ == nullptr) return;
    if (ops_->trivial) {
      std::memcpy(storage_, other.storage_, kCapacity);
    } else {
      ops_->move(other.storage_, storage_);
    }
  }
  template <typename Fn>
  static constexpr Ops kOps = {
      std::is_trivially_copyable_v<Fn> && std::is_trivially_destructible_v<Fn>,
      [](void* p) { (*static_cast<Fn*>(p))(); },
      [](void* from, void* to) {
        new (to) Fn(std::move(*static_cast<Fn*>(from)));
        static_cast<Fn*>(from)->~Fn();
      },
      [](void* p) { static_cast<Fn*>(p)->~Fn(); },
  };

  alignas(std::max_align_t) unsigned char storage_[kCapacity];
  const Ops* ops_ = nullptr;
};

}  // namespace msgsim::runtime
