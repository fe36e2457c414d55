// The registry's insured persons as one more enrollment list, named `registry`, so that
// lists can be linked against who the registry already holds (`dedup --against-registry`):
// every person with a medical insurance scheme, as the registry knows them on `today` and
// as last recorded. Record ids are the resident IDs.
#pragma once

#include "core/date.h"
#include "core/status.h"
#include "dedup/list_file.h"
#include "store/store.h"

namespace minsheng::dedup {

inline constexpr const char* kRegistryListName = "registry";

Result<EnrollmentList> RegistryList(store::Store& store, Date today);

}  // namespace minsheng::dedup
