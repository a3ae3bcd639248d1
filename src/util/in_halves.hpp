#pragma once
// Splitting independent work over two threads, for the few places where a large list of
// pure, independent items (rendered files, files to compare or write) shows in `inspect`'s
// time on two cores.
#include <cstddef>
#include <future>

namespace driftless {

// Runs body(begin, end) over [0, count): the second half on another thread from
// `parallel_from` items on, everything on the caller's thread below that. An exception from
// either half reaches the caller, after both halves have stopped.
template <typename Body>
void run_in_halves(std::size_t count, std::size_t parallel_from, Body body) {
    if (count < parallel_from) {
        body(std::size_t{0}, count);
        return;
    }
    std::size_t half = count / 2;
    auto second_half = std::async(std::launch::async, [&] { body(half, count); });
    body(std::size_t{0}, half);
    second_half.get();
}

}  // namespace driftless
