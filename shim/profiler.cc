// profiler.cc: V8's sampling CPU profiler and heap snapshots, written in the JSON formats
// Chrome DevTools and speedscope read (.cpuprofile, .heapsnapshot).
#include <v8-profiler.h>

#include <cstdlib>
#include <cstring>
#include <string>

#include "shim_internal.h"

namespace {

// The profile's title: one profile per isolate at a time, so a fixed one.
constexpr const char kTitle[] = "mrt";

// Appends s as a JSON string literal (UTF-8 kept; quotes, backslashes, controls escaped).
void append_json_string(std::string &out, const char *s) {
  out += '"';
  for (const unsigned char *p = reinterpret_cast<const unsigned char *>(s ? s : ""); *p; p++) {
    if (*p == '"' || *p == '\\') {
      out += '\\';
      out += static_cast<char>(*p);
    } else if (*p < 0x20) {
      char esc[8];
      std::snprintf(esc, sizeof esc, "\\u%04x", *p);
      out += esc;
    } else {
      out += static_cast<char>(*p);
    }
  }
  out += '"';
}

void append_int(std::string &out, int64_t v) { out += std::to_string(v); }

// A script's URL as DevTools and node show it: an absolute path becomes a file: URL
// (percent-encoding what a URL path cannot hold); other names (URLs, "[eval]") stay.
void append_script_url(std::string &out, const char *name) {
  if (!name || name[0] != '/') {
    append_json_string(out, name);
    return;
  }
  std::string url = "file://";
  static const char hex[] = "0123456789ABCDEF";
  for (const unsigned char *p = reinterpret_cast<const unsigned char *>(name); *p; p++) {
    if (*p <= 0x20 || *p >= 0x7f || std::strchr("%\"#?<>`{}\\^|", *p)) {
      url += '%';
      url += hex[*p >> 4];
      url += hex[*p & 15];
    } else {
      url += static_cast<char>(*p);
    }
  }
  append_json_string(out, url.c_str());
}

// One node of the top-down tree, as the inspector's Profiler.ProfileNode: its callFrame has
// 0-based line and column numbers (V8 gives them 1-based; -1 when unknown).
void append_node(std::string &out, const v8::CpuProfileNode *node) {
  out += "{\"id\":";
  append_int(out, node->GetNodeId());
  out += ",\"callFrame\":{\"functionName\":";
  append_json_string(out, node->GetFunctionNameStr());
  out += ",\"scriptId\":\"";
  append_int(out, node->GetScriptId());
  out += "\",\"url\":";
  append_script_url(out, node->GetScriptResourceNameStr());
  out += ",\"lineNumber\":";
  append_int(out, node->GetLineNumber() - 1);
  out += ",\"columnNumber\":";
  append_int(out, node->GetColumnNumber() - 1);
  out += "},\"hitCount\":";
  append_int(out, node->GetHitCount());
  int nchildren = node->GetChildrenCount();
  if (nchildren > 0) {  // a leaf has no "children" (as node's profiles)
    out += ",\"children\":[";
    for (int i = 0; i < nchildren; i++) {
      if (i) out += ',';
      append_int(out, node->GetChild(i)->GetNodeId());
    }
    out += ']';
  }
  unsigned nlines = node->GetHitLineCount();
  if (nlines > 0) {
    v8::CpuProfileNode::LineTick *ticks = new (std::nothrow) v8::CpuProfileNode::LineTick[nlines];
    if (ticks && node->GetLineTicks(ticks, nlines)) {
      out += ",\"positionTicks\":[";
      for (unsigned i = 0; i < nlines; i++) {
        if (i) out += ',';
        out += "{\"line\":";
        append_int(out, ticks[i].line);
        out += ",\"ticks\":";
        append_int(out, ticks[i].hit_count);
        out += '}';
      }
      out += ']';
    }
    delete[] ticks;
  }
  out += '}';
  for (int i = 0; i < nchildren; i++) {
    out += ',';
    append_node(out, node->GetChild(i));
  }
}

// The .cpuprofile document: nodes (pre-order, the root first), startTime and endTime in
// microseconds, samples (node ids) and timeDeltas (each sample's time after the previous
// one's, the first after startTime).
void append_profile(std::string &out, const v8::CpuProfile *profile) {
  out += "{\"nodes\":[";
  append_node(out, profile->GetTopDownRoot());
  out += "],\"startTime\":";
  append_int(out, profile->GetStartTime());
  out += ",\"endTime\":";
  append_int(out, profile->GetEndTime());
  int n = profile->GetSamplesCount();
  out += ",\"samples\":[";
  for (int i = 0; i < n; i++) {
    if (i) out += ',';
    append_int(out, profile->GetSample(i)->GetNodeId());
  }
  out += "],\"timeDeltas\":[";
  int64_t last = profile->GetStartTime();
  for (int i = 0; i < n; i++) {
    if (i) out += ',';
    int64_t t = profile->GetSampleTimestamp(i);
    append_int(out, t - last);
    last = t;
  }
  out += "]}\n";
}

// Hands V8's serialized heap snapshot to the caller's writer, chunk by chunk.
class SnapshotWriter : public v8::OutputStream {
 public:
  SnapshotWriter(int (*write)(void *, const char *, size_t), void *data)
      : write_(write), data_(data) {}
  void EndOfStream() override {}
  int GetChunkSize() override { return 64 * 1024; }
  WriteResult WriteAsciiChunk(char *bytes, int size) override {
    if (failed_ || write_(data_, bytes, static_cast<size_t>(size)) != 0) {
      failed_ = true;
      return kAbort;
    }
    return kContinue;
  }
  bool failed() const { return failed_; }

 private:
  int (*write_)(void *, const char *, size_t);
  void *data_;
  bool failed_ = false;
};

}  // namespace

int shim_cpu_profile_start(shim_isolate *iso, int interval_us) {
  if (iso->cpu_profiling) return -1;
  SHIM_ENTER(iso);
  if (!iso->cpu_profiler) {
    // Made at the first profile only: a profiler costs a run that never profiles nothing.
    iso->cpu_profiler = v8::CpuProfiler::New(isolate, v8::kDebugNaming, v8::kLazyLogging);
    if (!iso->cpu_profiler) return -1;
  }
  iso->cpu_profiler->SetSamplingInterval(interval_us > 0 ? interval_us : 1000);
  v8::Local<v8::String> title = v8::String::NewFromUtf8Literal(isolate, kTitle);
  v8::CpuProfilingStatus status = iso->cpu_profiler->StartProfiling(title, true);
  if (status == v8::CpuProfilingStatus::kErrorTooManyProfilers) return -1;
  iso->cpu_profiling = true;
  return 0;
}

int shim_cpu_profile_stop(shim_isolate *iso, char **json, size_t *len) {
  *json = nullptr;
  *len = 0;
  if (!iso->cpu_profiling) return -1;
  SHIM_ENTER(iso);
  iso->cpu_profiling = false;
  v8::Local<v8::String> title = v8::String::NewFromUtf8Literal(isolate, kTitle);
  v8::CpuProfile *profile = iso->cpu_profiler->StopProfiling(title);
  if (!profile) return -1;
  std::string out;
  append_profile(out, profile);
  profile->Delete();
  *json = static_cast<char *>(std::malloc(out.size() + 1));
  if (!*json) return -1;
  std::memcpy(*json, out.data(), out.size() + 1);
  *len = out.size();
  return 0;
}

int shim_cpu_profiling(shim_isolate *iso) { return iso->cpu_profiling; }

int shim_heap_snapshot(shim_isolate *iso, int (*write)(void *data, const char *bytes, size_t len),
                       void *data) {
  SHIM_ENTER(iso);
  const v8::HeapSnapshot *snapshot = isolate->GetHeapProfiler()->TakeHeapSnapshot();
  if (!snapshot) return -1;
  SnapshotWriter writer(write, data);
  snapshot->Serialize(&writer, v8::HeapSnapshot::kJSON);
  const_cast<v8::HeapSnapshot *>(snapshot)->Delete();
  return writer.failed() ? -1 : 0;
}

namespace shim {

void profiler_free(shim_isolate *iso) {
  if (!iso->cpu_profiler) return;
  if (iso->cpu_profiling) {
    // A profile still running is stopped first: disposing of a profiler that samples would
    // leave its sampler thread running into freed objects.
    v8::Isolate *isolate = iso->isolate;
    v8::Isolate::Scope isolate_scope(isolate);
    v8::HandleScope handle_scope(isolate);
    v8::CpuProfile *profile =
        iso->cpu_profiler->StopProfiling(v8::String::NewFromUtf8Literal(isolate, kTitle));
    if (profile) profile->Delete();
    iso->cpu_profiling = false;
  }
  iso->cpu_profiler->Dispose();
  iso->cpu_profiler = nullptr;
}

}  // namespace shim
