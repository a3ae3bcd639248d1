#pragma once
// Coordination between the interrupt cleanup of scratch resources (run on the signal thread,
// see util/interrupt.hpp) and their ordinary cleanup on other threads. Once the signal thread
// has begun, an interrupted command unwinds at the same time (its database connection was just
// dropped), and two threads removing the same run directory made both give up half way, while
// the main thread could reach exit() with another status before the signal thread's _Exit.
namespace driftless::scratch::detail {

// Called by each interrupt cleanup action of src/scratch before it does anything.
void begin_interrupt_cleanup() noexcept;

// Called before ordinary cleanup (destructors, explicit stop/drop). After an interrupt cleanup
// has begun, the process ends with 128 + signal as soon as the signal thread is done, so the
// calling thread waits for that end instead of cleaning up (or exiting) alongside it.
void wait_if_interrupted() noexcept;

}  // namespace driftless::scratch::detail
