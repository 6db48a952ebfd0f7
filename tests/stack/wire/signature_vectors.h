// The `signatures` vectors of the shared channel vectors, for the wire codec
// tests of the stack and of the fakes.
#pragma once

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace msgsim::wire_vectors {

inline const nlohmann::json& channel_vectors() {
  static const nlohmann::json parsed = [] {
    const char* path = MSGSIM_SOURCE_DIR "/../shared/vectors/channel_vectors.json";
    std::ifstream in(path);
    if (!in) ADD_FAILURE() << "cannot open " << path;
    return in ? nlohmann::json::parse(in) : nlohmann::json::object();
  }();
  return parsed;
}

// The signature vectors whose header is `header` (compared ignoring case).
inline std::vector<nlohmann::json> signature_vectors(const std::string& header) {
  auto lower = [](std::string text) {
    for (char& c : text) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    return text;
  };
  std::vector<nlohmann::json> out;
  for (const nlohmann::json& vector : channel_vectors().value("signatures", nlohmann::json::array())) {
    if (lower(vector.at("header").get<std::string>()) == lower(header)) out.push_back(vector);
  }
  return out;
}

}  // namespace msgsim::wire_vectors
