#include "cli/progress.h"

#include <unistd.h>

#include <iostream>

namespace minsheng::cli {

ProgressBar::ProgressBar(std::ostream& err, std::string label)
    : err_(err), label_(std::move(label)), enabled_(&err == &std::cerr && ::isatty(STDERR_FILENO) == 1) {}

ProgressBar::~ProgressBar() {
  if (drawn_) err_ << "\n" << std::flush;
}

void ProgressBar::Update(int done, int total) {
  if (!enabled_ || total <= 0) return;
  constexpr int kWidth = 30;
  const int filled = done * kWidth / total;
  err_ << "\r" << label_ << " [" << std::string(static_cast<size_t>(filled), '#')
       << std::string(static_cast<size_t>(kWidth - filled), ' ') << "] " << done << "/" << total << std::flush;
  drawn_ = true;
}

}  // namespace minsheng::cli
