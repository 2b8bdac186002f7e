#include "common/malloc_arenas.h"

#include <cstdlib>  // defines __GLIBC__ on glibc

#include "common/log.h"

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace alliance {

bool LimitMallocArenas(int arenas) {
  if (arenas <= 0) return true;
#if defined(__GLIBC__)
  return mallopt(M_ARENA_MAX, arenas) == 1;
#else
  return false;
#endif
}

bool ApplyMallocArenasFlag(int arenas, absl::string_view component) {
  if (arenas < 0) {
    LogError(component, "--malloc_arenas must be >= 0");
    return false;
  }
  if (!LimitMallocArenas(arenas)) {
    LogInfo(component, "--malloc_arenas: this allocator takes no arena limit; running with its default");
  }
  return true;
}

}  // namespace alliance
