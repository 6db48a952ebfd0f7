// The project's include of Boost.Beast (HTTP/1.1 on Asio). Asio comes first
// through sim/runtime/asio.h, which works around a Boost 1.74 + GCC 12 C++20
// compile failure; every file of sim/live that needs Beast includes this.
#pragma once

#include "sim/runtime/asio.h"

#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
