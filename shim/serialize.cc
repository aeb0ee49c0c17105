// serialize.cc: the string <-> bytes accessors behind TextEncoder / TextDecoder (UTF-8
// written straight from a JS string into a new or a caller's buffer, and strings made
// straight from bytes). The structured clone is in clone.cc.
#include <cstdlib>
#include <cstring>

#include "shim_internal.h"

namespace shim {
const v8::FunctionCallbackInfo<v8::Value> &call_info(shim_call *call);
v8::Local<v8::Value> call_arg(shim_call *call, int i);
}  // namespace shim

extern "C" {

// String(arg i) (false: the conversion threw).
static bool arg_to_string(shim_call *call, int i, v8::Local<v8::String> *s) {
  v8::Local<v8::Value> v = shim::call_arg(call, i);
  if (v->IsString()) {
    *s = v.As<v8::String>();
    return true;
  }
  v8::Isolate *isolate = shim::call_info(call).GetIsolate();
  return v->ToString(isolate->GetCurrentContext()).ToLocal(s);
}

// Returns a new Uint8Array with the UTF-8 of String(arg i) (lone surrogates become U+FFFD),
// written straight into its backing store.
int shim_call_return_utf8(shim_call *call, int i) {
  const v8::FunctionCallbackInfo<v8::Value> &info = shim::call_info(call);
  v8::Isolate *isolate = info.GetIsolate();
  v8::Local<v8::String> s;
  if (!arg_to_string(call, i, &s)) return -1;
  size_t n;
  std::unique_ptr<v8::BackingStore> store;
  if (s->IsOneByte()) {
    // Latin-1 characters: copied out as they are (V8's Utf8Length and WriteUtf8 are two
    // slower passes); ASCII is then the UTF-8 already, other text is widened here.
    n = static_cast<size_t>(s->Length());
    store = v8::ArrayBuffer::NewBackingStore(isolate, n);
    uint8_t *bytes = static_cast<uint8_t *>(store->Data());
    if (n) s->WriteOneByte(isolate, bytes, 0, static_cast<int>(n), v8::String::NO_NULL_TERMINATION);
    // ASCII, checked sixteen bytes at a time; else the count of bytes above 0x7F.
    size_t k = 0;
    while (k + 16 <= n) {
      uint64_t a, b;
      memcpy(&a, bytes + k, 8);
      memcpy(&b, bytes + k + 8, 8);
      if ((a | b) & 0x8080808080808080ull) break;
      k += 16;
    }
    size_t high = 0;
    for (; k < n; k++) high += bytes[k] >> 7;
    if (high) {
      std::unique_ptr<v8::BackingStore> wide = v8::ArrayBuffer::NewBackingStore(isolate, n + high);
      uint8_t *o = static_cast<uint8_t *>(wide->Data());
      for (size_t k = 0; k < n; k++) {
        uint8_t c = bytes[k];
        if (c < 0x80) {
          *o++ = c;
        } else {
          *o++ = static_cast<uint8_t>(0xC0 | (c >> 6));
          *o++ = static_cast<uint8_t>(0x80 | (c & 0x3F));
        }
      }
      n += high;
      store = std::move(wide);
    }
  } else {
    n = static_cast<size_t>(s->Utf8Length(isolate));
    store = v8::ArrayBuffer::NewBackingStore(isolate, n);
    if (n) {
      s->WriteUtf8(isolate, static_cast<char *>(store->Data()), static_cast<int>(n), nullptr,
                   v8::String::NO_NULL_TERMINATION | v8::String::REPLACE_INVALID_UTF8);
    }
  }
  v8::Local<v8::ArrayBuffer> ab = v8::ArrayBuffer::New(isolate, std::move(store));
  info.GetReturnValue().Set(v8::Uint8Array::New(ab, 0, n));
  return 0;
}

// String.prototype.toWellFormed (ES2024, past V8 10.2) of String(arg i): the string itself
// when it holds no lone surrogate (a one-byte string cannot), else a copy with each lone
// surrogate as U+FFFD. One scan over the UTF-16 units, where a JS regex test is ~10x slower.
int shim_call_return_well_formed(shim_call *call, int i) {
  const v8::FunctionCallbackInfo<v8::Value> &info = shim::call_info(call);
  v8::Isolate *isolate = info.GetIsolate();
  v8::Local<v8::String> s;
  if (!arg_to_string(call, i, &s)) return -1;
  if (s->IsOneByte()) {
    info.GetReturnValue().Set(s);
    return 0;
  }
  int n = s->Length();
  uint16_t small[1024];
  uint16_t *buf = n <= 1024 ? small : static_cast<uint16_t *>(malloc(sizeof(uint16_t) * n));
  if (!buf) {
    isolate->ThrowException(v8::Exception::RangeError(
        v8::String::NewFromUtf8Literal(isolate, "out of memory")));
    return -1;
  }
  s->Write(isolate, buf, 0, n, v8::String::NO_NULL_TERMINATION);
  // Most text has no surrogate at all: a branch-free pass (vectorized) says so first; the
  // pairing scan below runs ~8x slower per unit.
  uint16_t any_surrogate = 0;  // 16-bit lanes throughout: no widening in the vector loop
  for (int k = 0; k < n; k++) {
    any_surrogate |= static_cast<uint16_t>((buf[k] & 0xf800) == 0xd800);
  }
  bool changed = false;
  for (int k = 0; any_surrogate && k < n; k++) {
    uint16_t c = buf[k];
    if (c < 0xd800 || c > 0xdfff) continue;
    if (c <= 0xdbff && k + 1 < n && buf[k + 1] >= 0xdc00 && buf[k + 1] <= 0xdfff) {
      k++;  // a pair
      continue;
    }
    buf[k] = 0xfffd;
    changed = true;
  }
  v8::Local<v8::String> out = s;
  if (changed && !v8::String::NewFromTwoByte(isolate, buf, v8::NewStringType::kNormal, n)
                      .ToLocal(&out)) {
    if (buf != small) free(buf);
    return -1;
  }
  if (buf != small) free(buf);
  info.GetReturnValue().Set(out);
  return 0;
}

// String.prototype.isWellFormed (ES2024, past V8 10.2) of String(arg i): whether it holds
// no lone surrogate. A one-byte string cannot (answered at once); a two-byte one is read in
// chunks (no allocation), a lead surrogate ending a chunk re-read as the next chunk's first.
int shim_call_return_is_well_formed(shim_call *call, int i) {
  const v8::FunctionCallbackInfo<v8::Value> &info = shim::call_info(call);
  v8::Isolate *isolate = info.GetIsolate();
  v8::Local<v8::String> s;
  if (!arg_to_string(call, i, &s)) return -1;
  if (s->IsOneByte()) {
    info.GetReturnValue().Set(true);
    return 0;
  }
  const int n = s->Length();
  uint16_t buf[1024];
  for (int start = 0; start < n;) {
    int len = n - start < 1024 ? n - start : 1024;
    s->Write(isolate, buf, start, len, v8::String::NO_NULL_TERMINATION);
    uint16_t any_surrogate = 0;  // branch-free (vectorized): most text has none
    for (int k = 0; k < len; k++) any_surrogate |= static_cast<uint16_t>((buf[k] & 0xf800) == 0xd800);
    int next = start + len;
    for (int k = 0; any_surrogate && k < len; k++) {
      uint16_t c = buf[k];
      if (c < 0xd800 || c > 0xdfff) continue;
      if (c > 0xdbff) {  // a trail without its lead
        info.GetReturnValue().Set(false);
        return 0;
      }
      if (k + 1 == len) {
        if (start + k + 1 < n) next = start + k;  // its trail is in the next chunk
        else {
          info.GetReturnValue().Set(false);  // a lead at the end
          return 0;
        }
      } else if (buf[k + 1] >= 0xdc00 && buf[k + 1] <= 0xdfff) {
        k++;  // a pair
      } else {
        info.GetReturnValue().Set(false);
        return 0;
      }
    }
    start = next;
  }
  info.GetReturnValue().Set(true);
  return 0;
}

// TextEncoder.encodeInto: writes as much of String(arg i) as fits (whole characters only)
// into the bytes of arg dst. *read: UTF-16 code units consumed; *written: bytes. -1 if dst is
// not a view.
int shim_call_utf8_into(shim_call *call, int i, int dst, double *read, double *written) {
  const v8::FunctionCallbackInfo<v8::Value> &info = shim::call_info(call);
  v8::Isolate *isolate = info.GetIsolate();
  v8::Local<v8::Value> v = shim::call_arg(call, i);
  v8::Local<v8::Value> d = shim::call_arg(call, dst);
  if (!d->IsArrayBufferView()) return -1;
  v8::Local<v8::String> s;
  if (v->IsString()) s = v.As<v8::String>();
  else if (!v->ToString(isolate->GetCurrentContext()).ToLocal(&s)) return -1;
  v8::Local<v8::ArrayBufferView> view = d.As<v8::ArrayBufferView>();
  size_t cap = view->ByteLength();
  char *out = static_cast<char *>(view->Buffer()->Data()) + view->ByteOffset();
  if (cap > INT32_MAX) cap = INT32_MAX;
  int nchars = 0;
  int n = s->WriteUtf8(isolate, out, static_cast<int>(cap), &nchars,
                       v8::String::NO_NULL_TERMINATION | v8::String::REPLACE_INVALID_UTF8);
  // nchars counts UTF-16 code units (a surrogate pair is two).
  *read = nchars;
  *written = n;
  return 0;
}

// Node's Buffer (core/ext/node/buffer.c): String(arg i)'s length in a Buffer encoding
// (SHIM_STR_UTF8: UTF-8 bytes, lone surrogates counted as U+FFFD's three; SHIM_STR_LATIN1:
// characters; SHIM_STR_UTF16: two bytes a unit). -1 if the conversion threw.
int shim_call_string_length(shim_call *call, int i, int kind, double *len) {
  v8::Local<v8::String> s;
  if (!arg_to_string(call, i, &s)) return -1;
  v8::Isolate *isolate = shim::call_info(call).GetIsolate();
  if (kind == SHIM_STR_UTF8) *len = s->Utf8Length(isolate);
  else *len = kind == SHIM_STR_UTF16 ? 2.0 * s->Length() : s->Length();
  return 0;
}

// Writes String(arg i) into out[0..cap) as UTF-8 (whole characters only, lone surrogates as
// U+FFFD), Latin-1 (each unit's low byte, as Node's latin1 write) or UTF-16LE (whole units).
// *written: bytes. -1 if the conversion threw.
int shim_call_string_write(shim_call *call, int i, int kind, void *out, size_t cap,
                           double *written) {
  v8::Local<v8::String> s;
  if (!arg_to_string(call, i, &s)) return -1;
  v8::Isolate *isolate = shim::call_info(call).GetIsolate();
  if (cap > INT32_MAX) cap = INT32_MAX;
  int n;
  if (kind == SHIM_STR_UTF8) {
    n = s->WriteUtf8(isolate, static_cast<char *>(out), static_cast<int>(cap), nullptr,
                     v8::String::NO_NULL_TERMINATION | v8::String::REPLACE_INVALID_UTF8);
  } else if (kind == SHIM_STR_LATIN1) {
    n = s->WriteOneByte(isolate, static_cast<uint8_t *>(out), 0, static_cast<int>(cap),
                        v8::String::NO_NULL_TERMINATION);
  } else {
    int units = static_cast<int>(cap / 2);
    if (units > s->Length()) units = s->Length();
    if ((reinterpret_cast<uintptr_t>(out) & 1) == 0) {
      n = 2 * s->Write(isolate, static_cast<uint16_t *>(out), 0, units,
                       v8::String::NO_NULL_TERMINATION);
    } else {  // an odd offset: through an aligned copy
      uint16_t *tmp = static_cast<uint16_t *>(malloc(units ? units * 2 : 2));
      if (!tmp) return -1;
      n = 2 * s->Write(isolate, tmp, 0, units, v8::String::NO_NULL_TERMINATION);
      memcpy(out, tmp, n);
      free(tmp);
    }
  }
  *written = n;
  return 0;
}

}  // extern "C"
