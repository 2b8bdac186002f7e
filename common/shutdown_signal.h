// Turns SIGTERM and SIGINT into an orderly shutdown request.
#ifndef ALLIANCE_COMMON_SHUTDOWN_SIGNAL_H_
#define ALLIANCE_COMMON_SHUTDOWN_SIGNAL_H_

namespace alliance {

// Blocks SIGTERM and SIGINT in the calling thread and every thread it starts
// afterwards. Call first thing in main(), before any thread exists.
void BlockShutdownSignals();

// Waits until SIGTERM or SIGINT arrives and returns its number. The signals must
// have been blocked with BlockShutdownSignals().
int WaitForShutdownSignal();

}  // namespace alliance

#endif  // ALLIANCE_COMMON_SHUTDOWN_SIGNAL_H_
