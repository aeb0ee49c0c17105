// fast_api.h: V8 Fast API calls for the shim (C++; never included outside shim/).
//
// Debian's libnode-dev ships no include/v8-fast-api-calls.h, but libnode.so.108 (V8
// 10.2.154) exports what the API needs at link time:
//   v8::CFunctionInfo::CFunctionInfo(const CTypeInfo&, unsigned, const CTypeInfo*)
//   v8::CFunction::CFunction(const void*, const CFunctionInfo*)
//   v8::FunctionTemplate::New(..., const CFunction*, uint16_t, uint16_t, uint16_t)
// So this file declares the subset of that header we use, ABI-identical to V8 10.2.154's
// (same names, so the same mangled symbols; same field order and sizes). Checked against
// the library itself, not only against the header text:
//   - CFunctionInfo's constructor (objdump) stores return_info_ (3 bytes) at 0, arg_count_
//     at 4 and arg_info_ at 8: sizeof 16, no Int64Representation byte (that came in 11.x);
//   - ArgumentInfo(i) is arg_info_ + 3 * i: sizeof(CTypeInfo) == 3;
//   - the CFunctionInfo V8 builds for `void f(Local<Value>)` (in .rodata) has the argument
//     type byte 8: kV8Value == 8, so Type has no kUint8 (added after 10.2) and typed-array
//     arguments of uint8 elements are not supported by 10.2's TurboFan (its
//     GetTypedArrayElementsKind knows int32/uint32/int64/uint64/float32/float64 only).
// When a real v8-fast-api-calls.h is available it is used instead.
#ifndef MRT_SHIM_FAST_API_H
#define MRT_SHIM_FAST_API_H

#include <stddef.h>
#include <stdint.h>

#include <v8.h>

#include "shim.h"

#if defined(__has_include)
#if __has_include(<v8-fast-api-calls.h>)
#include <v8-fast-api-calls.h>
#define MRT_HAVE_V8_FAST_API_HEADER 1
#endif
#endif

#ifndef MRT_HAVE_V8_FAST_API_HEADER
#if V8_MAJOR_VERSION != 10 || V8_MINOR_VERSION != 2
#error "shim/fast_api.h mirrors V8 10.2's v8-fast-api-calls.h: check the ABI for this version"
#endif
#define INCLUDE_V8_FAST_API_CALLS_H_ 1

namespace v8 {

class CTypeInfo {
 public:
  enum class Type : uint8_t {
    kVoid,
    kBool,
    kInt32,
    kUint32,
    kInt64,
    kUint64,
    kFloat32,
    kFloat64,
    kV8Value,
    kApiObject,
    kAny,
  };
  // Not part of Type: marks a trailing FastApiCallbackOptions& argument.
  static constexpr Type kCallbackOptionsType = Type(255);

  enum class SequenceType : uint8_t { kScalar, kIsSequence, kIsTypedArray, kIsArrayBuffer };

  enum class Flags : uint8_t {
    kNone = 0,
    kAllowSharedBit = 1 << 0,
    kEnforceRangeBit = 1 << 1,
    kClampBit = 1 << 2,
    kIsRestrictedBit = 1 << 3,
  };

  explicit constexpr CTypeInfo(Type type, SequenceType sequence_type = SequenceType::kScalar,
                               Flags flags = Flags::kNone)
      : type_(type), sequence_type_(sequence_type), flags_(flags) {}

  constexpr Type GetType() const { return type_; }
  constexpr SequenceType GetSequenceType() const { return sequence_type_; }
  constexpr Flags GetFlags() const { return flags_; }

 private:
  Type type_;
  SequenceType sequence_type_;
  Flags flags_;
};

struct FastApiTypedArrayBase {
 public:
  size_t length() const { return length_; }

 protected:
  size_t length_ = 0;
};

template <typename T>
struct FastApiTypedArray : public FastApiTypedArrayBase {
 public:
  // The elements, with the view's byte offset applied; 4-byte aligned at least.
  void *data_;
};

class V8_EXPORT CFunctionInfo {
 public:
  CFunctionInfo(const CTypeInfo &return_info, unsigned int arg_count, const CTypeInfo *arg_info);

  const CTypeInfo &ReturnInfo() const { return return_info_; }
  unsigned int ArgumentCount() const { return HasOptions() ? arg_count_ - 1 : arg_count_; }
  const CTypeInfo &ArgumentInfo(unsigned int index) const;
  bool HasOptions() const {
    return arg_count_ > 0 &&
           arg_info_[arg_count_ - 1].GetType() == CTypeInfo::kCallbackOptionsType;
  }

 private:
  const CTypeInfo return_info_;
  const unsigned int arg_count_;
  const CTypeInfo *arg_info_;
};

class V8_EXPORT CFunction {
 public:
  constexpr CFunction() : address_(nullptr), type_info_(nullptr) {}
  CFunction(const void *address, const CFunctionInfo *type_info);

  const void *GetAddress() const { return address_; }
  const CFunctionInfo *GetTypeInfo() const { return type_info_; }

 private:
  const void *address_;
  const CFunctionInfo *type_info_;
};

// Passed last to a fast function declared with a kCallbackOptionsType argument. Setting
// fallback makes V8 call the slow callback after the fast one returns.
struct FastApiCallbackOptions {
  bool fallback;
  // The `data` of the FunctionTemplate (a tagged value: for us a Smi).
  union {
    uintptr_t data_ptr;
    v8::Value data;
  };
};

}  // namespace v8

#endif  // !MRT_HAVE_V8_FAST_API_HEADER

static_assert(sizeof(v8::CTypeInfo) == 3, "CTypeInfo is 3 bytes in V8 10.2");
static_assert(sizeof(v8::CFunctionInfo) == 16, "CFunctionInfo: return info, count, pointer");
static_assert(sizeof(v8::CFunction) == 2 * sizeof(void *), "CFunction: address, type info");
static_assert(sizeof(v8::FastApiTypedArray<uint8_t>) == 2 * sizeof(void *),
              "FastApiTypedArray: length_ then data_");
static_assert(static_cast<int>(v8::CTypeInfo::Type::kV8Value) == 8,
              "kV8Value is 8 in libnode's V8 10.2 (checked in its .rodata)");

namespace shim {

// Builds the CFunction of a native's fast path. false: the signature has no fast path in
// this V8 (the native keeps its slow path only). The type information lives until the
// isolate is freed (fast_api_isolate_free).
bool fast_api_make(shim_isolate *iso, uint32_t index, const shim_fast_sig *sig,
                   v8::CFunction *out);
void fast_api_isolate_free(shim_isolate *iso);
// The CFunction of a fast path registered with shim_fast_register_static; false if fn is not.
bool fast_api_static(const void *fn, v8::CFunction *out);
// The external references of the static fast paths (function, type information, ...): n.
size_t fast_api_static_refs(const intptr_t **refs);
// An isolate's own snapshot-safe fast paths (shim_isolate_params.fast_sigs): made before the
// isolate; returns its external references (base, 0-terminated, then these), nullptr if
// out of memory. fast_api_own gives the CFunction of one; fast_api_own_free after the isolate
// is disposed of.
const intptr_t *fast_api_own_refs(shim_isolate *iso, const shim_fast_sig *sigs, size_t n,
                                  const intptr_t *base);
bool fast_api_own(shim_isolate *iso, const void *fn, v8::CFunction *out);
void fast_api_own_free(shim_isolate *iso);

}  // namespace shim

#endif  // MRT_SHIM_FAST_API_H
