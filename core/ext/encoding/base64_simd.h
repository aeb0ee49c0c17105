/* base64_simd.h: the AVX2 and AVX-512 VBMI loops behind base64_codec.c (x86-64 only; the codec checks the CPU
 * once and otherwise stays with its tables). Not installed. */
#ifndef MRT_BASE64_SIMD_H
#define MRT_BASE64_SIMD_H

#include <stddef.h>
#include <stdint.h>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define B64_HAVE_SIMD 1
#else
#define B64_HAVE_SIMD 0
#endif

/* A decoding alphabet as three nibble tables (see base64_simd.c) and its special character. */
typedef struct b64_simd_lut {
  uint8_t lo[16], hi[16], roll[16];
  uint8_t special;
} b64_simd_lut;

#if B64_HAVE_SIMD
/* What the CPU and the OS support, asked when first needed: B64_CPU_AVX2, and B64_CPU_VBMI
 * (AVX-512 F, BW and VBMI). Not GCC's __builtin_cpu_supports: linking it brings libgcc's
 * constructor, which runs 12 CPUID instructions at every start of every program (each one
 * traps to the hypervisor in a VM: ~6 us here, 75 us a start). */
enum { B64_CPU_AVX2 = 1, B64_CPU_VBMI = 2 };
int b64_cpu_features(void);
/* The tables for an alphabet given as values[256] (-1: not in it); -1 when it does not fit
 * the scheme (then decode it without SIMD). */
int b64_simd_tables(const signed char *values, b64_simd_lut *lut);
/* Each returns how far it got (input bytes, input characters or pairs); the caller goes on
 * from there. */
size_t b64_encode_avx2(const uint8_t *in, size_t n, char *out, int url);
size_t b64_decode_avx2(const uint8_t *s, size_t len, uint8_t *out, size_t cap,
                       const b64_simd_lut *lut, size_t *read);
void hex_encode_avx2(const uint8_t *in, size_t n, char *out, size_t *done);
size_t hex_decode_avx2(const uint8_t *s, size_t pairs, uint8_t *out);
/* AVX-512 VBMI (Ice Lake and later): any alphabet, as a 128-byte table of its values. */
size_t b64_encode_vbmi(const uint8_t *in, size_t n, char *out, int url);
void b64_vbmi_table(const signed char *values, uint8_t table[128]); /* 0x80: not in it */
size_t b64_decode_vbmi(const uint8_t *s, size_t len, uint8_t *out, size_t cap,
                       const uint8_t table[128], size_t *read);
#endif

#endif
