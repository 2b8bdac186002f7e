// BackgroundDisposer: values are destroyed on its own thread, every one of
// them by the time the disposer is gone, in the order given.
#include "common/background_disposer.h"

#include <memory>
#include <thread>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "gtest/gtest.h"

namespace alliance {
namespace {

// Records, on destruction, its number and the thread that destroyed it.
struct Witness {
  struct Log {
    absl::Mutex mu;
    std::vector<int> numbers;
    std::vector<std::thread::id> threads;
  };
  Witness(int number, Log* log) : number(number), log(log) {}
  Witness(Witness&& other) noexcept : number(other.number), log(other.log) { other.log = nullptr; }
  Witness& operator=(Witness&&) = delete;
  ~Witness() {
    if (log == nullptr) return;  // moved from
    absl::MutexLock lock(&log->mu);
    log->numbers.push_back(number);
    log->threads.push_back(std::this_thread::get_id());
  }
  int number;
  Log* log;
};

TEST(BackgroundDisposer, DestroysEveryValueOnItsOwnThreadInOrder) {
  Witness::Log log;
  {
    BackgroundDisposer<Witness> disposer;
    for (int n = 0; n < 100; ++n) disposer.Dispose(Witness(n, &log));
  }  // waits for all of them
  absl::MutexLock lock(&log.mu);
  ASSERT_EQ(log.numbers.size(), 100u);
  for (int n = 0; n < 100; ++n) EXPECT_EQ(log.numbers[n], n);
  for (const std::thread::id& thread : log.threads) EXPECT_NE(thread, std::this_thread::get_id());
}

TEST(BackgroundDisposer, DestroysSoonWithoutWaitingForTheEnd) {
  Witness::Log log;
  BackgroundDisposer<Witness> disposer;
  disposer.Dispose(Witness(7, &log));
  absl::MutexLock lock(&log.mu);
  // Bounded: the test fails, it does not hang, if the value is never destroyed.
  EXPECT_TRUE(log.mu.AwaitWithTimeout(absl::Condition(
                                          +[](Witness::Log* l) ABSL_EXCLUSIVE_LOCKS_REQUIRED(l->mu) {
                                            return !l->numbers.empty();
                                          },
                                          &log),
                                      absl::Seconds(10)));
}

}  // namespace
}  // namespace alliance
