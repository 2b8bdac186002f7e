// The change follower's queue: its count and byte bounds, and how Close and
// Abort end the reader's and the applier's waits.
#include "query-service/change_queue.h"

#include <atomic>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/time/clock.h"
#include "gtest/gtest.h"

namespace alliance::query {
namespace {

v1::Change ChangeOf(uint64_t sequence, size_t padding = 0) {
  v1::Change change;
  change.set_sequence(sequence);
  if (padding > 0) change.mutable_document()->set_title(std::string(padding, 'r'));
  return change;
}

std::vector<uint64_t> Sequences(const std::vector<v1::Change>& changes) {
  std::vector<uint64_t> out;
  for (const v1::Change& change : changes) out.push_back(change.sequence());
  return out;
}

// Pushes `change` from another thread into a full `queue` and checks that the
// push waits until a pop (of one message) makes room.
void ExpectPushWaitsForAPop(ChangeQueue& queue, v1::Change change) {
  std::atomic<bool> pushed{false};
  std::thread pusher([&] {
    EXPECT_TRUE(queue.Push(std::move(change)));
    pushed = true;
  });
  absl::SleepFor(absl::Milliseconds(100));
  EXPECT_FALSE(pushed.load()) << "a change went into a full queue";
  std::vector<v1::Change> out;
  EXPECT_TRUE(queue.PopAvailable(1, 1 << 20, &out));
  pusher.join();
  EXPECT_TRUE(pushed.load());
}

TEST(ChangeQueue, PopsAtMostTheCountAskedForInOrder) {
  ChangeQueue queue(10, 1 << 20);
  for (uint64_t i = 1; i <= 5; ++i) ASSERT_TRUE(queue.Push(ChangeOf(i)));
  std::vector<v1::Change> out;
  ASSERT_TRUE(queue.PopAvailable(3, 1 << 20, &out));
  EXPECT_EQ(Sequences(out), (std::vector<uint64_t>{1, 2, 3}));
  ASSERT_TRUE(queue.PopAvailable(3, 1 << 20, &out));
  EXPECT_EQ(Sequences(out), (std::vector<uint64_t>{4, 5}));
}

TEST(ChangeQueue, PopsAtMostTheBytesAskedForButAlwaysOne) {
  ChangeQueue queue(10, 1 << 20);
  for (uint64_t i = 1; i <= 3; ++i) ASSERT_TRUE(queue.Push(ChangeOf(i, 1000)));
  std::vector<v1::Change> out;
  ASSERT_TRUE(queue.PopAvailable(10, 2500, &out));
  EXPECT_EQ(Sequences(out), (std::vector<uint64_t>{1, 2}));
  ASSERT_TRUE(queue.PopAvailable(10, 10, &out));
  EXPECT_EQ(Sequences(out), (std::vector<uint64_t>{3}));
}

TEST(ChangeQueue, AFullQueueHoldsThePusherUntilThereIsRoom) {
  ChangeQueue queue(2, 1 << 20);
  ASSERT_TRUE(queue.Push(ChangeOf(1)));
  ASSERT_TRUE(queue.Push(ChangeOf(2)));
  ExpectPushWaitsForAPop(queue, ChangeOf(3));
}

TEST(ChangeQueue, TheByteBoundHoldsThePusherButLetsALargeChangeInAlone) {
  ChangeQueue queue(10, 1500);
  ASSERT_TRUE(queue.Push(ChangeOf(1, 5000))) << "a change larger than the queue goes into an empty one";
  ExpectPushWaitsForAPop(queue, ChangeOf(2, 10));
  std::vector<v1::Change> out;
  ASSERT_TRUE(queue.PopAvailable(10, 1 << 20, &out));
  EXPECT_EQ(Sequences(out), (std::vector<uint64_t>{2}));
}

TEST(ChangeQueue, AbortReleasesAWaitingPusherWithFalse) {
  ChangeQueue queue(1, 1 << 20);
  ASSERT_TRUE(queue.Push(ChangeOf(1)));
  std::thread pusher([&] { EXPECT_FALSE(queue.Push(ChangeOf(2))); });
  absl::SleepFor(absl::Milliseconds(50));
  queue.Abort();
  pusher.join();
  EXPECT_FALSE(queue.Push(ChangeOf(3)));
}

TEST(ChangeQueue, CloseLetsThePopperDrainThenSaysTheEnd) {
  ChangeQueue queue(10, 1 << 20);
  ASSERT_TRUE(queue.Push(ChangeOf(1)));
  queue.Close();
  std::vector<v1::Change> out;
  ASSERT_TRUE(queue.PopAvailable(10, 1 << 20, &out));
  EXPECT_EQ(Sequences(out), (std::vector<uint64_t>{1}));
  EXPECT_FALSE(queue.PopAvailable(10, 1 << 20, &out));
  EXPECT_TRUE(out.empty());

  ChangeQueue waiting(10, 1 << 20);
  std::thread popper([&] {
    std::vector<v1::Change> none;
    EXPECT_FALSE(waiting.PopAvailable(10, 1 << 20, &none));
  });
  absl::SleepFor(absl::Milliseconds(50));
  waiting.Close();
  popper.join();
}

}  // namespace
}  // namespace alliance::query
