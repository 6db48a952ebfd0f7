#include "sim/live/static_files.h"

#include <fstream>
#include <optional>
#include <sstream>

namespace msgsim::live {

struct StaticFiles::State {
  std::optional<std::filesystem::path> root;  // canonical
  std::size_t file_bytes_max = 0;
  std::map<std::string, File> files;
};

namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

stack::HttpResponse text_response(int status, std::string body) {
  return stack::HttpResponse{status, "text/plain; charset=utf-8", std::move(body)};
}

// The decoded relative path, or nullopt when its encoding is malformed.
std::optional<std::string> percent_decoded(std::string_view path) {
  std::string decoded;
  for (std::size_t i = 0; i < path.size(); ++i) {
    if (path[i] != '%') {
      decoded += path[i];
      continue;
    }
    if (i + 2 >= path.size()) return std::nullopt;
    const int high = hex_value(path[i + 1]);
    const int low = hex_value(path[i + 2]);
    if (high < 0 || low < 0) return std::nullopt;
    decoded += static_cast<char>(high * 16 + low);
    i += 2;
  }
  return decoded;
}

// True iff `path` names a file below the root: no "..", no "." segment, no
// empty segment inside, no backslash (a separator elsewhere) and no NUL.
bool safe_relative_path(std::string_view path) {
  if (path.empty() || path.front() == '/') return false;
  if (path.find('\0') != std::string_view::npos || path.find('\\') != std::string_view::npos) return false;
  std::size_t start = 0;
  while (start <= path.size()) {
    const std::size_t end = std::min(path.find('/', start), path.size());
    const std::string_view segment = path.substr(start, end - start);
    if (segment.empty() || segment == "." || segment == "..") return false;
    start = end + 1;
  }
  return true;
}

bool inside(const std::filesystem::path& root, const std::filesystem::path& file) {
  auto root_part = root.begin();
  auto file_part = file.begin();
  for (; root_part != root.end(); ++root_part, ++file_part) {
    if (file_part == file.end() || *root_part != *file_part) return false;
  }
  return true;
}

}  // namespace

StaticFiles StaticFiles::from_directory(std::filesystem::path root, std::size_t file_bytes_max) {
  auto state = std::make_shared<State>();
  std::error_code error;
  std::filesystem::path canonical = std::filesystem::weakly_canonical(root, error);
  state->root = error ? root : canonical;
  state->file_bytes_max = file_bytes_max;
  return StaticFiles(std::move(state));
}

StaticFiles StaticFiles::from_map(std::map<std::string, File> files) {
  auto state = std::make_shared<State>();
  state->files = std::move(files);
  return StaticFiles(std::move(state));
}

stack::HttpResponse StaticFiles::serve(std::string_view relative_path) const {
  std::optional<std::string> decoded = percent_decoded(relative_path);
  if (!decoded) return text_response(400, "malformed percent-encoding in the path\n");
  std::string path = std::move(*decoded);
  if (path.empty() || path.back() == '/') path += "index.html";
  if (!safe_relative_path(path)) return text_response(404, "not found\n");
  if (!state_->root) {
    auto it = state_->files.find(path);
    if (it == state_->files.end()) return text_response(404, "not found\n");
    return stack::HttpResponse{200, it->second.content_type, it->second.bytes};
  }
  std::error_code error;
  const std::filesystem::path file = std::filesystem::weakly_canonical(*state_->root / path, error);
  if (error || !inside(*state_->root, file) || !std::filesystem::is_regular_file(file, error)) {
    return text_response(404, "not found\n");
  }
  const std::uintmax_t size = std::filesystem::file_size(file, error);
  if (error || size > state_->file_bytes_max) return text_response(500, "file cannot be served\n");
  std::ifstream in(file, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (!in) return text_response(500, "file cannot be read\n");
  return stack::HttpResponse{200, std::string(content_type_for_path(path)), bytes.str()};
}

HttpHandler StaticFiles::handler(std::string prefix) const {
  return [files = *this, prefix = std::move(prefix)](const stack::HttpRequest& request) {
    std::string_view path = request.path();
    if (path.substr(0, prefix.size()) != prefix) return text_response(404, "not found\n");
    path.remove_prefix(prefix.size());
    return files.serve(path);
  };
}

std::string_view content_type_for_path(std::string_view path) {
  static constexpr std::pair<std::string_view, std::string_view> kTypes[] = {
      {".html", "text/html; charset=utf-8"},  {".htm", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"}, {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},     {".json", "application/json"},
      {".svg", "image/svg+xml"},               {".png", "image/png"},
      {".jpg", "image/jpeg"},                  {".jpeg", "image/jpeg"},
      {".gif", "image/gif"},                   {".ico", "image/x-icon"},
      {".txt", "text/plain; charset=utf-8"},   {".map", "application/json"},
      {".woff2", "font/woff2"},                {".wasm", "application/wasm"},
  };
  const std::size_t dot = path.rfind('.');
  const std::size_t slash = path.rfind('/');
  if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash)) return "application/octet-stream";
  const std::string_view extension = path.substr(dot);
  for (const auto& [known, type] : kTypes) {
    if (extension.size() == known.size() && stack::equals_ignoring_case(extension, known)) return type;
  }
  return "application/octet-stream";
}

}  // namespace msgsim::live
