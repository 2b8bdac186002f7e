#include "common/malloc_arenas.h"

#include <cstdlib>

#include "gtest/gtest.h"

namespace alliance {
namespace {

TEST(MallocArenas, ZeroKeepsTheDefault) { EXPECT_TRUE(LimitMallocArenas(0)); }

// A sanitizer puts its own allocator in glibc's place, and it takes no limit.
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
constexpr bool kSanitizerAllocator = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) || __has_feature(memory_sanitizer)
constexpr bool kSanitizerAllocator = true;
#else
constexpr bool kSanitizerAllocator = false;
#endif
#else
constexpr bool kSanitizerAllocator = false;
#endif

#if defined(__GLIBC__)
// On glibc's own allocator (what the services are built with) the limit must
// take: the services' memory figures depend on it.
TEST(MallocArenas, GlibcTakesALimit) {
  if (kSanitizerAllocator) GTEST_SKIP() << "a sanitizer's allocator replaces glibc's";
  EXPECT_TRUE(LimitMallocArenas(2));
  EXPECT_TRUE(LimitMallocArenas(1));
}
#endif

}  // namespace
}  // namespace alliance
