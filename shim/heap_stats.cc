// heap_stats.cc: V8's heap, heap space and code statistics, in the order node:v8 gives them
// (core/ext/node/v8.c), and V8 flags set while running.
#include <cstring>

#include "shim_internal.h"

extern "C" {

void shim_heap_stats_all(shim_isolate *iso, double out[SHIM_HEAP_STATS_N]) {
  v8::HeapStatistics hs;
  iso->isolate->GetHeapStatistics(&hs);
  const size_t v[SHIM_HEAP_STATS_N] = {
      hs.total_heap_size(),           hs.total_heap_size_executable(),
      hs.total_physical_size(),       hs.total_available_size(),
      hs.used_heap_size(),            hs.heap_size_limit(),
      hs.malloced_memory(),           hs.peak_malloced_memory(),
      hs.does_zap_garbage(),          hs.number_of_native_contexts(),
      hs.number_of_detached_contexts(), hs.total_global_handles_size(),
      hs.used_global_handles_size(),  hs.external_memory()};
  for (int i = 0; i < SHIM_HEAP_STATS_N; i++) out[i] = static_cast<double>(v[i]);
}

size_t shim_heap_space_count(shim_isolate *iso) { return iso->isolate->NumberOfHeapSpaces(); }

const char *shim_heap_space_stats(shim_isolate *iso, size_t i, double out[4]) {
  v8::HeapSpaceStatistics s;
  if (!iso->isolate->GetHeapSpaceStatistics(&s, i)) return nullptr;
  out[0] = static_cast<double>(s.space_size());
  out[1] = static_cast<double>(s.space_used_size());
  out[2] = static_cast<double>(s.space_available_size());
  out[3] = static_cast<double>(s.physical_space_size());
  return s.space_name();  // a static string of V8's
}

void shim_heap_code_stats(shim_isolate *iso, double out[4]) {
  v8::HeapCodeStatistics s;
  iso->isolate->GetHeapCodeAndMetadataStatistics(&s);
  out[0] = static_cast<double>(s.code_and_metadata_size());
  out[1] = static_cast<double>(s.bytecode_and_metadata_size());
  out[2] = static_cast<double>(s.external_script_source_size());
  out[3] = static_cast<double>(s.cpu_profiler_metadata_size());
}

void shim_set_flags_from_string(const char *flags, size_t len) {
  v8::V8::SetFlagsFromString(flags, len);
}

}  // extern "C"
