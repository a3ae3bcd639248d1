#pragma once
// With DRIFTLESS_TRACE_CATALOG set, steps of a read (and of the commands around it) print
// when they ended to stderr, in ms since the first trace point: for bench/ work.
namespace driftless {

bool tracing();
double ms_since_first_trace();
// Prints "catalog: <what> at <ms>" when tracing.
void trace_step(const char* what);

}  // namespace driftless
