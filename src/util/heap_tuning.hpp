#pragma once
// How the process's heap grows. Reading a large catalog builds tens of thousands of small
// objects at once, and on virtual machines every first touch of a 4 kB page is a costly
// fault: with malloc's defaults (grow by 128 kB, a heap per thread) that was more than half
// of the time spent turning 35,000 column rows into the model.
namespace driftless {

// Once, at the start of main, before any thread: one heap for every thread, grown 64 MB at
// a time and never given back early, advised to the kernel for transparent huge pages (2 MB
// pages: a five-hundredth of the faults). Untouched address space costs no memory.
void tune_heap_for_bulk_allocation();

}  // namespace driftless
