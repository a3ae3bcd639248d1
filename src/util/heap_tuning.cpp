#include "util/heap_tuning.hpp"

#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>

namespace driftless {

namespace {

constexpr std::size_t growth = std::size_t{64} << 20;
constexpr std::uintptr_t huge_page = std::uintptr_t{2} << 20;

}  // namespace

void tune_heap_for_bulk_allocation() {
    // Threads share the main heap: a heap of their own grows a page at a time (mprotect), and
    // the catalog reader's threads mostly wait on the server anyway.
    mallopt(M_ARENA_MAX, 1);
    mallopt(M_TOP_PAD, static_cast<int>(growth));
    mallopt(M_TRIM_THRESHOLD, static_cast<int>(2 * growth));
    // Large blocks (result sets, big vectors) from the heap too, not from mmaps of their own
    // that are faulted in page by page and unmapped again.
    mallopt(M_MMAP_THRESHOLD, static_cast<int>(growth / 2));
    // Extend the heap now and advise the whole stretch for huge pages: malloc's own
    // advice (glibc.malloc.hugetlb) is only reachable through the environment.
    auto start = reinterpret_cast<std::uintptr_t>(sbrk(0));
    void* block = malloc(growth / 4);
    if (block != nullptr) static_cast<volatile char*>(block)[0] = 0;  // not optimized away
    auto end = reinterpret_cast<std::uintptr_t>(sbrk(0));
    free(block);
    std::uintptr_t aligned = (start + huge_page - 1) & ~(huge_page - 1);
    if (end > aligned) madvise(reinterpret_cast<void*>(aligned), end - aligned, MADV_HUGEPAGE);
}

}  // namespace driftless
