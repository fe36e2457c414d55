// Files a command writes together into a folder (--out DIR): all of them or none.
#pragma once

#include <string>
#include <vector>

#include "core/status.h"

namespace minsheng::cli {

struct OutputFile {
  std::string name;  // within the folder: "programs.csv"
  std::string text;
};

// Writes every file under a temporary name in `directory` (created if missing) first, and
// renames them only when all are written; on any failure the temporaries are removed. A
// rename within one folder does not fail half-way through a file, so a reader never sees
// part of one.
Status WriteAllOrNothing(const std::string& directory, const std::vector<OutputFile>& files);

}  // namespace minsheng::cli
