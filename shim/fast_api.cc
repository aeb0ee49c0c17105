// fast_api.cc: V8 Fast API calls for natives (see fast_api.h for the ABI checks).
//
// A native installed with a shim_fast_sig gets a v8::CFunction built at run time from the
// signature: optimised code then calls the C function directly, with unboxed arguments,
// instead of going through the FunctionCallbackInfo trampoline. Whenever the arguments of
// a call don't fit (a string where a number is declared, ...) V8 calls the slow path.
//
// Byte-buffer arguments (SHIM_CTYPE_UINT8_ARRAY): V8 10.2 has no Uint8Array fast-call type,
// so such signatures are declared to V8 with the argument as a v8::Local<v8::Value> and a
// trailing FastApiCallbackOptions, and V8 calls an adapter here instead of the C function.
// The adapter turns each such argument into a shim_fast_buffer {length, data} on its
// stack and calls the C function with the same registers otherwise; a value that is not an
// ArrayBufferView with an off-heap store (small typed arrays live on the JS heap and have
// no stable address) makes it set options.fallback, and V8 runs the slow path instead.
// The adapter relies on the C calling convention giving integer and floating-point
// arguments separate register sequences (x86-64 System V, AArch64), so one adapter per
// number of integer-class arguments serves every signature whose arguments fit in
// registers; other signatures keep the slow path only.
#include <cstring>
#include <mutex>
#include <new>
#include <vector>

#include "shim_internal.h"
#include "fast_api.h"

static_assert(sizeof(shim_fast_buffer) == sizeof(v8::FastApiTypedArray<uint8_t>) &&
                  offsetof(shim_fast_buffer, length) == 0 &&
                  offsetof(shim_fast_buffer, data) == sizeof(size_t),
              "shim_fast_buffer must have FastApiTypedArray<uint8_t>'s layout");

namespace {

// Isolate data slot of the fast-call state (0: shim_isolate, 1: modules).
constexpr uint32_t kSlot = 2;
constexpr int kMaxArgs = 8;

#if (defined(__x86_64__) && !defined(_WIN32)) || defined(__aarch64__)
#define MRT_FAST_ADAPTERS 1
#if defined(__x86_64__)
constexpr int kGpRegs = 6;
#else
constexpr int kGpRegs = 8;
#endif
constexpr int kFpRegs = 8;
#endif

struct FastOp {
  const void *fn;
  unsigned buffer_mask;  // adapter: which integer-class arguments are buffers
  v8::CTypeInfo *arg_info;
  v8::CFunctionInfo *info;
};

struct FastState {
  std::vector<FastOp *> by_index;  // native index -> op (adapted signatures only)
  std::vector<FastOp *> all;       // everything to free with the isolate
};

FastState *state_of(v8::Isolate *isolate) {
  if (isolate->GetNumberOfDataSlots() <= kSlot) return nullptr;
  return static_cast<FastState *>(isolate->GetData(kSlot));
}

bool arg_type(shim_ctype t, v8::CTypeInfo::Type *out) {
  using T = v8::CTypeInfo::Type;
  switch (t) {
    case SHIM_CTYPE_BOOL: *out = T::kBool; return true;
    case SHIM_CTYPE_INT32: *out = T::kInt32; return true;
    case SHIM_CTYPE_UINT32: *out = T::kUint32; return true;
    case SHIM_CTYPE_INT64: *out = T::kInt64; return true;
    case SHIM_CTYPE_UINT64: *out = T::kUint64; return true;
    case SHIM_CTYPE_FLOAT32: *out = T::kFloat32; return true;
    case SHIM_CTYPE_FLOAT64: *out = T::kFloat64; return true;
    case SHIM_CTYPE_UINT8_ARRAY: *out = T::kV8Value; return true;  // through the adapter
    default: return false;
  }
}

// 10.2 returns void, bool, int32, uint32, float32 and float64 (no 64-bit integers).
bool return_type(shim_ctype t, v8::CTypeInfo::Type *out) {
  using T = v8::CTypeInfo::Type;
  switch (t) {
    case SHIM_CTYPE_VOID: *out = T::kVoid; return true;
    case SHIM_CTYPE_BOOL: *out = T::kBool; return true;
    case SHIM_CTYPE_INT32: *out = T::kInt32; return true;
    case SHIM_CTYPE_UINT32: *out = T::kUint32; return true;
    case SHIM_CTYPE_FLOAT32: *out = T::kFloat32; return true;
    case SHIM_CTYPE_FLOAT64: *out = T::kFloat64; return true;
    default: return false;
  }
}

bool is_fp(shim_ctype t) { return t == SHIM_CTYPE_FLOAT32 || t == SHIM_CTYPE_FLOAT64; }

#ifdef MRT_FAST_ADAPTERS

using u64 = uint64_t;

inline FastOp *op_of(v8::FastApiCallbackOptions *opt, v8::Isolate **isolate) {
  using I = v8::internal::Internals;
  v8::internal::Address d = static_cast<v8::internal::Address>(opt->data_ptr);
  if (I::HasHeapObjectTag(d)) return nullptr;
  int index = I::SmiValue(d);
  *isolate = v8::Isolate::GetCurrent();
  FastState *st = state_of(*isolate);
  if (!st || index < 0 || static_cast<size_t>(index) >= st->by_index.size()) return nullptr;
  return st->by_index[index];
}

// The bytes behind a Local<Value> V8 passed (a pointer to a slot holding the value). No JS
// heap allocation: on-heap typed arrays are refused (the slow path takes them).
bool to_buffer(v8::Isolate *isolate, u64 local_bits, shim_fast_buffer *out) {
  v8::Local<v8::Value> v;
  static_assert(sizeof v == sizeof local_bits, "a Local is one pointer");
  std::memcpy(static_cast<void *>(&v), &local_bits, sizeof v);
  if (!v->IsArrayBufferView()) return false;
  v8::Local<v8::ArrayBufferView> view = v.As<v8::ArrayBufferView>();
  if (!view->HasBuffer()) return false;
  v8::HandleScope scope(isolate);  // Buffer() makes a handle (no object: it exists)
  out->data = static_cast<char *>(view->Buffer()->Data()) + view->ByteOffset();
  out->length = view->ByteLength();
  return true;
}

bool convert(FastOp *op, v8::Isolate *isolate, u64 *g, int k, shim_fast_buffer *bufs) {
  for (int i = 0; i < k; i++) {
    if (op->buffer_mask & (1u << i)) {
      if (!to_buffer(isolate, g[i], &bufs[i])) return false;
      g[i] = reinterpret_cast<uintptr_t>(&bufs[i]);
    }
  }
  return true;
}

#define FP_PARAMS double x0, double x1, double x2, double x3, double x4, double x5, double x6, \
                  double x7
#define FP_TYPES double, double, double, double, double, double, double, double
#define FP_ARGS x0, x1, x2, x3, x4, x5, x6, x7

// adapt_<r><k>: k integer-class arguments after the receiver; r: i (void and integer
// returns: rax passes through) or d (float32/float64: xmm0 passes through).
#define DEFINE_ADAPTERS(K, GP_PARAMS, GP_TYPES, GP_LIST, GP_ARGS)                            \
  u64 adapt_i##K(void *recv, GP_PARAMS v8::FastApiCallbackOptions *opt, FP_PARAMS) {        \
    v8::Isolate *isolate = nullptr;                                                         \
    FastOp *op = op_of(opt, &isolate);                                                      \
    u64 g[K] = {GP_LIST};                                                                   \
    shim_fast_buffer bufs[K];                                                               \
    if (!op || !convert(op, isolate, g, K, bufs)) {                                         \
      opt->fallback = true;                                                                 \
      return 0;                                                                             \
    }                                                                                       \
    return reinterpret_cast<u64 (*)(void *, GP_TYPES FP_TYPES)>(const_cast<void *>(op->fn))( \
        recv, GP_ARGS FP_ARGS);                                                             \
  }                                                                                         \
  double adapt_d##K(void *recv, GP_PARAMS v8::FastApiCallbackOptions *opt, FP_PARAMS) {     \
    v8::Isolate *isolate = nullptr;                                                         \
    FastOp *op = op_of(opt, &isolate);                                                      \
    u64 g[K] = {GP_LIST};                                                                   \
    shim_fast_buffer bufs[K];                                                               \
    if (!op || !convert(op, isolate, g, K, bufs)) {                                         \
      opt->fallback = true;                                                                 \
      return 0;                                                                             \
    }                                                                                       \
    return reinterpret_cast<double (*)(void *, GP_TYPES FP_TYPES)>(                         \
        const_cast<void *>(op->fn))(recv, GP_ARGS FP_ARGS);                                 \
  }

#define COMMA ,
DEFINE_ADAPTERS(1, u64 a0 COMMA, u64 COMMA, a0, g[0] COMMA)
DEFINE_ADAPTERS(2, u64 a0 COMMA u64 a1 COMMA, u64 COMMA u64 COMMA, a0 COMMA a1,
                g[0] COMMA g[1] COMMA)
DEFINE_ADAPTERS(3, u64 a0 COMMA u64 a1 COMMA u64 a2 COMMA, u64 COMMA u64 COMMA u64 COMMA,
                a0 COMMA a1 COMMA a2, g[0] COMMA g[1] COMMA g[2] COMMA)
DEFINE_ADAPTERS(4, u64 a0 COMMA u64 a1 COMMA u64 a2 COMMA u64 a3 COMMA,
                u64 COMMA u64 COMMA u64 COMMA u64 COMMA, a0 COMMA a1 COMMA a2 COMMA a3,
                g[0] COMMA g[1] COMMA g[2] COMMA g[3] COMMA)
#undef COMMA

const void *const kAdaptersI[] = {nullptr, reinterpret_cast<const void *>(adapt_i1),
                                  reinterpret_cast<const void *>(adapt_i2),
                                  reinterpret_cast<const void *>(adapt_i3),
                                  reinterpret_cast<const void *>(adapt_i4)};
const void *const kAdaptersD[] = {nullptr, reinterpret_cast<const void *>(adapt_d1),
                                  reinterpret_cast<const void *>(adapt_d2),
                                  reinterpret_cast<const void *>(adapt_d3),
                                  reinterpret_cast<const void *>(adapt_d4)};
constexpr int kMaxAdapted = 4;

#endif  // MRT_FAST_ADAPTERS

}  // namespace

namespace shim {

bool fast_api_make(shim_isolate *iso, uint32_t index, const shim_fast_sig *sig,
                   v8::CFunction *out) {
  if (!sig || !sig->fn || sig->argc < 0 || sig->argc > kMaxArgs) return false;
  v8::CTypeInfo::Type ret;
  if (!return_type(sig->ret, &ret)) return false;
  int buffers = 0, gp = 0, fp = 0;
  unsigned mask = 0;
  v8::CTypeInfo::Type types[kMaxArgs];
  for (int i = 0; i < sig->argc; i++) {
    if (!arg_type(sig->args[i], &types[i])) return false;
    if (is_fp(sig->args[i])) {
      fp++;
    } else {
      if (sig->args[i] == SHIM_CTYPE_UINT8_ARRAY) {
        buffers++;
        mask |= 1u << gp;
      }
      gp++;
    }
  }
  const void *address = sig->fn;
  bool adapted = buffers > 0;
  if (adapted) {
#ifdef MRT_FAST_ADAPTERS
    // receiver + gp + options in registers, fp in registers.
    if (gp > kMaxAdapted || gp + 2 > kGpRegs || fp > kFpRegs) return false;
    address = is_fp(sig->ret) ? kAdaptersD[gp] : kAdaptersI[gp];
#else
    return false;
#endif
  }

  v8::Isolate *isolate = iso->isolate;
  FastState *st = state_of(isolate);
  if (!st) {
    if (isolate->GetNumberOfDataSlots() <= kSlot) return false;
    st = new (std::nothrow) FastState();
    if (!st) return false;
    isolate->SetData(kSlot, st);
  }
  FastOp *op = new (std::nothrow) FastOp();
  if (!op) return false;
  int n = 1 + sig->argc + (adapted ? 1 : 0);
  op->arg_info = static_cast<v8::CTypeInfo *>(::operator new(n * sizeof(v8::CTypeInfo),
                                                             std::nothrow));
  if (!op->arg_info) {
    delete op;
    return false;
  }
  new (&op->arg_info[0]) v8::CTypeInfo(v8::CTypeInfo::Type::kV8Value);  // the receiver
  for (int i = 0; i < sig->argc; i++) new (&op->arg_info[1 + i]) v8::CTypeInfo(types[i]);
  if (adapted) new (&op->arg_info[n - 1]) v8::CTypeInfo(v8::CTypeInfo::kCallbackOptionsType);
  op->info = new (std::nothrow) v8::CFunctionInfo(v8::CTypeInfo(ret), n, op->arg_info);
  if (!op->info) {
    ::operator delete(op->arg_info);
    delete op;
    return false;
  }
  op->fn = sig->fn;
  op->buffer_mask = mask;
  st->all.push_back(op);
  if (adapted) {
    if (st->by_index.size() <= index) st->by_index.resize(index + 1, nullptr);
    st->by_index[index] = op;
  }
  *out = v8::CFunction(address, op->info);
  return true;
}

// Static fast paths: built once per process, never freed (V8 may read them from any
// isolate made from a snapshot). Written once under the mutex, before any isolate reads them.
namespace {
struct StaticFast {
  const void *fn;
  v8::CFunctionInfo *info;
};
std::mutex g_static_mu;
bool g_static_done;
std::vector<StaticFast> g_static;
std::vector<intptr_t> g_static_refs;
}  // namespace

// The type information of a signature without buffer arguments (no adapter); nullptr if it
// has none in this V8. Freed with free_info.
v8::CFunctionInfo *plain_info(const shim_fast_sig *sig) {
  v8::CTypeInfo::Type ret, t;
  if (!sig->fn || sig->argc < 0 || sig->argc > kMaxArgs || !return_type(sig->ret, &ret)) {
    return nullptr;
  }
  v8::CTypeInfo *args = static_cast<v8::CTypeInfo *>(
      ::operator new((1 + sig->argc) * sizeof(v8::CTypeInfo), std::nothrow));
  if (!args) return nullptr;
  new (&args[0]) v8::CTypeInfo(v8::CTypeInfo::Type::kV8Value);  // the receiver
  for (int k = 0; k < sig->argc; k++) {
    if (sig->args[k] == SHIM_CTYPE_UINT8_ARRAY || !arg_type(sig->args[k], &t)) {
      ::operator delete(args);
      return nullptr;
    }
    new (&args[1 + k]) v8::CTypeInfo(t);
  }
  v8::CFunctionInfo *info =
      new (std::nothrow) v8::CFunctionInfo(v8::CTypeInfo(ret), 1 + sig->argc, args);
  if (!info) ::operator delete(args);
  return info;
}

void free_info(v8::CFunctionInfo *info) {
  const v8::CTypeInfo *args = &info->ArgumentInfo(0);  // the receiver's: the array's start
  delete info;
  ::operator delete(const_cast<v8::CTypeInfo *>(args));
}

bool fast_api_static(const void *fn, v8::CFunction *out) {
  if (!fn) return false;
  for (const StaticFast &f : g_static) {
    if (f.fn == fn) {
      *out = v8::CFunction(f.fn, f.info);
      return true;
    }
  }
  return false;
}

size_t fast_api_static_refs(const intptr_t **refs) {
  std::lock_guard<std::mutex> lock(g_static_mu);
  g_static_done = true;  // from now on the list is fixed
  *refs = g_static_refs.data();
  return g_static_refs.size();
}

// An isolate's own fast paths that may be in its snapshot (an embedder's extensions').
struct FastOwn {
  std::vector<StaticFast> ops;
  std::vector<intptr_t> refs;  // the external references: the process's, then these
};

const intptr_t *fast_api_own_refs(shim_isolate *iso, const shim_fast_sig *sigs, size_t n,
                                  const intptr_t *base) {
  FastOwn *own = new (std::nothrow) FastOwn();
  if (!own) return nullptr;
  iso->own_fast = own;
  for (const intptr_t *r = base; *r; r++) own->refs.push_back(*r);
  for (size_t i = 0; i < n; i++) {
    v8::CFunctionInfo *info = plain_info(&sigs[i]);
    if (!info) return nullptr;  // the caller only passes signatures that have one
    own->ops.push_back({sigs[i].fn, info});
    own->refs.push_back(reinterpret_cast<intptr_t>(sigs[i].fn));
    own->refs.push_back(reinterpret_cast<intptr_t>(info));
  }
  own->refs.push_back(0);
  return own->refs.data();
}

bool fast_api_own(shim_isolate *iso, const void *fn, v8::CFunction *out) {
  FastOwn *own = static_cast<FastOwn *>(iso->own_fast);
  if (!own || !fn) return false;
  for (const StaticFast &f : own->ops) {
    if (f.fn == fn) {
      *out = v8::CFunction(f.fn, f.info);
      return true;
    }
  }
  return false;
}

void fast_api_own_free(shim_isolate *iso) {
  FastOwn *own = static_cast<FastOwn *>(iso->own_fast);
  if (!own) return;
  for (StaticFast &f : own->ops) free_info(f.info);
  delete own;
  iso->own_fast = nullptr;
}

void fast_api_isolate_free(shim_isolate *iso) {
  v8::Isolate *isolate = iso->isolate;
  FastState *st = state_of(isolate);
  if (!st) return;
  isolate->SetData(kSlot, nullptr);
  for (FastOp *op : st->all) {
    delete op->info;
    ::operator delete(op->arg_info);
    delete op;
  }
  delete st;
}

}  // namespace shim

extern "C" {

using namespace shim;

int shim_fast_register_static(const shim_fast_sig *sigs, size_t n) {
  std::lock_guard<std::mutex> lock(g_static_mu);
  if (g_static_done || !g_static.empty()) {
    if (g_static.size() != n) return -1;
    for (size_t i = 0; i < n; i++) {
      if (g_static[i].fn != sigs[i].fn) return -1;
    }
    return 0;
  }
  for (size_t i = 0; i < n; i++) {
    v8::CFunctionInfo *info = plain_info(&sigs[i]);
    if (!info) {  // none kept: no leak, and a later call fails the same way
      for (StaticFast &f : g_static) free_info(f.info);
      g_static.clear();
      return -1;
    }
    g_static.push_back({sigs[i].fn, info});
  }
  // Reserved before any isolate reads the list: the vectors never move afterwards.
  for (const StaticFast &f : g_static) {
    g_static_refs.push_back(reinterpret_cast<intptr_t>(f.fn));
    g_static_refs.push_back(reinterpret_cast<intptr_t>(f.info));
  }
  return 0;
}

void *shim_fast_host_data(void) {
  v8::Isolate *isolate = v8::Isolate::GetCurrent();
  return isolate ? shim::from(isolate)->host.data : nullptr;
}

}  // extern "C"
