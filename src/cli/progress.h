// A progress bar on stderr for long runs, drawn only when stderr is a terminal (never into
// a file, a pipe or a test's captured stream).
#pragma once

#include <ostream>
#include <string>

namespace minsheng::cli {

class ProgressBar {
 public:
  // Draws on `err` when it is std::cerr and standard error is a terminal.
  ProgressBar(std::ostream& err, std::string label);
  ~ProgressBar();  // ends the line if anything was drawn
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;

  void Update(int done, int total);

 private:
  std::ostream& err_;
  std::string label_;
  bool enabled_ = false;
  bool drawn_ = false;
};

}  // namespace minsheng::cli
