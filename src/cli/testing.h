// Test helpers for the command's tests (header-only; not part of the library): a command
// line run in-process, through the same Run as main(), with its output captured.
#pragma once

#include <sstream>
#include <string>
#include <vector>

#include "cli/app.h"

namespace minsheng::cli::testing {

struct Outcome {
  int exit_code;
  std::string out;
  std::string err;
};

// Runs `minsheng ARGUMENTS...`.
inline Outcome RunMinsheng(const std::vector<std::string>& arguments) {
  std::vector<const char*> argv = {"minsheng"};
  for (const std::string& argument : arguments) argv.push_back(argument.c_str());
  std::ostringstream out;
  std::ostringstream err;
  Context context{.out = out, .err = err, .status = {}};
  const int exit_code = Run(static_cast<int>(argv.size()), argv.data(), context);
  return {exit_code, out.str(), err.str()};
}

}  // namespace minsheng::cli::testing
