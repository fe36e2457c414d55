// Entry point of the minsheng command; everything else is in app.cc and *_command.cc.
#include <iostream>

#include "cli/app.h"

int main(int argc, char** argv) {
  minsheng::cli::Context context{.out = std::cout, .err = std::cerr, .status = {}};
  return minsheng::cli::Run(argc, argv, context);
}
