// StaticFiles: serving from memory and from a folder, and never outside it.
#include "sim/live/static_files.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "tests/scenarios/cli_runner.h"

namespace msgsim::live {
namespace {

void write(const std::filesystem::path& path, const std::string& text) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

// The in-memory map answers its files, index.html for folders, 404 otherwise.
TEST(StaticFiles, ServesTheMapAndIndexForFolders) {
  const StaticFiles files = StaticFiles::from_map({{"index.html", {"text/html", "home"}},
                                                   {"docs/index.html", {"text/html", "docs"}},
                                                   {"a b.txt", {"text/plain", "spaced"}}});
  EXPECT_EQ(files.serve("").body, "home");
  EXPECT_EQ(files.serve("docs/").body, "docs");
  EXPECT_EQ(files.serve("a%20b.txt").body, "spaced");
  EXPECT_EQ(files.serve("missing").status, 404);
  EXPECT_EQ(files.serve("%zz").status, 400);
  EXPECT_EQ(files.serve("%4").status, 400);
}

// A folder's files are served with types from their extensions; "..",
// encoded or not, absolute paths, NUL bytes and symlinks out are refused.
TEST(StaticFiles, ServesAFolderAndNeverLeavesIt) {
  const std::filesystem::path base = msgsim::testing::fresh_temp_dir("static-files");
  write(base / "site" / "index.html", "<p>hi</p>");
  write(base / "site" / "js" / "app.js", "run()");
  write(base / "secret.txt", "secret");
  std::error_code ignored;
  std::filesystem::create_symlink(base / "secret.txt", base / "site" / "link.txt", ignored);
  const StaticFiles files = StaticFiles::from_directory(base / "site");

  const stack::HttpResponse index = files.serve("");
  EXPECT_EQ(index.status, 200);
  EXPECT_EQ(index.body, "<p>hi</p>");
  EXPECT_EQ(index.content_type, "text/html; charset=utf-8");
  EXPECT_EQ(files.serve("js/app.js").content_type, "text/javascript; charset=utf-8");
  for (const char* hostile : {"../secret.txt", "%2e%2e/secret.txt", "js/../../secret.txt", "%2fetc/passwd",
                              "js/%00app.js", "link.txt", "js//app.js", "./index.html"}) {
    EXPECT_EQ(files.serve(hostile).status, 404) << hostile;
  }
}

// Content types come from the extension, case-insensitively.
TEST(StaticFiles, ContentTypesByExtension) {
  EXPECT_EQ(content_type_for_path("a/b.CSS"), "text/css; charset=utf-8");
  EXPECT_EQ(content_type_for_path("x.svg"), "image/svg+xml");
  EXPECT_EQ(content_type_for_path("dir.v2/noext"), "application/octet-stream");
  EXPECT_EQ(content_type_for_path("archive.tar.unknown"), "application/octet-stream");
}

}  // namespace
}  // namespace msgsim::live
