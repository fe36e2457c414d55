// Chinese names for synthetic persons, villages and residents' communities: surnames by
// their frequency in Shandong, given names of one or two characters in the fashion of the
// person's birth years. All from Random (deterministic). Constant tables; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "core/resident_id.h"
#include "synth/random.h"

namespace minsheng::synth {

// A surname drawn by its share (names.cc's table).
std::string_view PickSurname(Random& random);

// A given name of one or two characters, as parents named a child of that sex born in
// that year.
std::string GivenName(Random& random, Sex sex, int birth_year);

// A rural village's name, e.g. 张家庄村, 前刘村, 东盐窝村.
std::string VillageName(Random& random);

// The name of a town's index-th residents' community (社区), from a list of 60 words
// starting at `first` (each town its own), so a town's first 60 communities differ; later
// ones get a number: 幸福社区, 幸福二社区.
std::string CommunityName(int first, int index);

}  // namespace minsheng::synth
