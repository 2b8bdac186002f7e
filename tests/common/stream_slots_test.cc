// StreamSlots: no more places than the capacity, and every slot gives its
// place back however it ends (destroyed, moved from, taken by many threads).
#include "common/stream_slots.h"

#include <thread>
#include <utility>
#include <vector>

#include "gtest/gtest.h"

namespace alliance {
namespace {

TEST(StreamSlots, HoldsAtMostTheCapacityAndGivesPlacesBack) {
  StreamSlots slots(2);
  {
    StreamSlots::Slot first = slots.TryAcquire();
    StreamSlots::Slot second = slots.TryAcquire();
    StreamSlots::Slot third = slots.TryAcquire();
    EXPECT_TRUE(first.acquired());
    EXPECT_TRUE(second.acquired());
    EXPECT_FALSE(third.acquired());
    EXPECT_EQ(slots.open(), 2);
    StreamSlots::Slot moved = std::move(first);
    EXPECT_FALSE(first.acquired());  // NOLINT(bugprone-use-after-move): moved from on purpose
    EXPECT_TRUE(moved.acquired());
    EXPECT_EQ(slots.open(), 2);
  }
  EXPECT_EQ(slots.open(), 0);
  EXPECT_TRUE(slots.TryAcquire().acquired());
  EXPECT_EQ(slots.open(), 0);
}

TEST(StreamSlots, ManyThreadsNeverHoldMoreThanTheCapacity) {
  StreamSlots slots(3);
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&slots] {
      for (int n = 0; n < 2000; ++n) {
        StreamSlots::Slot slot = slots.TryAcquire();
        if (slot.acquired()) {
          EXPECT_LE(slots.open(), 3);
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(slots.open(), 0);
}

}  // namespace
}  // namespace alliance
