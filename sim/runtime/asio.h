// The project's one include of Boost.Asio. Boost 1.74's awaitable.hpp fails to
// compile under C++20 with GCC 12 unless <utility> is seen first, so every file
// that needs Asio (or Beast, which includes it) includes this header first.
#pragma once

#include <utility>

#include <boost/asio.hpp>
