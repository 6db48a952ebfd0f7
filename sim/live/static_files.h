// Files served as they are under a URL prefix (the browser console's page,
// scripts and styles): from a folder on disk, read when requested, or from an
// in-memory map of path -> (content type, bytes), e.g. files compiled into the
// binary. A request never reaches outside the folder: ".." segments (plain or
// percent-encoded), backslashes and NUL bytes are refused, and a symlink that
// leads outside is 404.
// "" and paths ending in '/' serve the folder's index.html.
// Cheap to copy (shared immutable state); safe to use from any thread.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "sim/live/http_router.h"
#include "sim/stack/wire/http_message.h"

namespace msgsim::live {

class StaticFiles {
 public:
  struct File {
    std::string content_type;
    std::string bytes;
  };

  // Serves the files under `root`. Files over `file_bytes_max` answer 500.
  static StaticFiles from_directory(std::filesystem::path root, std::size_t file_bytes_max = 64u << 20);
  // Serves `files`, keyed by path relative to the prefix ("index.html",
  // "js/app.js"), without a leading '/'.
  static StaticFiles from_map(std::map<std::string, File> files);

  // The answer for `relative_path`, the URL path below the prefix as sent
  // (percent-encoded, without the query): 200 with the file, 404 when absent
  // or refused, 400 when its percent-encoding is malformed.
  stack::HttpResponse serve(std::string_view relative_path) const;
  // A handler for a prefix route at `prefix` (e.g. "/ui/"): serves the rest
  // of the request's path.
  HttpHandler handler(std::string prefix) const;

 private:
  struct State;
  explicit StaticFiles(std::shared_ptr<const State> state) : state_(std::move(state)) {}
  std::shared_ptr<const State> state_;
};

// The Content-Type for a file name by its extension; application/octet-stream
// when unknown.
std::string_view content_type_for_path(std::string_view path);

}  // namespace msgsim::live
