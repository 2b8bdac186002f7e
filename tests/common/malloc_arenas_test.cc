#include "common/malloc_arenas.h"

#include <cstdlib>

#include "gtest/gtest.h"

namespace alliance {
namespace {

TEST(MallocArenas, ZeroKeepsTheDefault) { EXPECT_TRUE(LimitMallocArenas(0)); }

#if defined(__GLIBC__)
// The services refuse to start when the limit is not taken, so on glibc (the
// only C library they are built with) it must be.
TEST(MallocArenas, GlibcTakesALimit) {
  EXPECT_TRUE(LimitMallocArenas(2));
  EXPECT_TRUE(LimitMallocArenas(1));
}
#endif

}  // namespace
}  // namespace alliance
