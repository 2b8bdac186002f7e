#include "common/malloc_arenas.h"

#include <cstdlib>  // defines __GLIBC__ on glibc

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

}  // namespace alliance
