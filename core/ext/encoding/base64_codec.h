/* base64_codec.h: the base64 and hex loops shared by Node's Buffer (node/buffer.c) and
 * Uint8Array's toBase64/fromBase64/toHex/fromHex (lang/base64.c). Table codecs: a group of
 * three bytes is two 12-bit table reads on the way out, a group of four characters four reads
 * and one OR on the way in. The callers own the rules around the
 * loops (whitespace, padding, errors); these only do the bulk. With AVX2 or AVX-512 VBMI
 * (checked at run time) the bulk goes up to 48 bytes or 64 characters a step (base64_simd.c). Not installed. */
#ifndef MRT_BASE64_CODEC_H
#define MRT_BASE64_CODEC_H

#include <stddef.h>
#include <stdint.h>

/* Decoding alphabets: RFC 4648's base64 ('+', '/'), base64url ('-', '_'), or either one's
 * characters at once (Node's decoder). */
enum { B64_STD, B64_URL, B64_EITHER };

/* Characters of the encoding of n bytes, with or without '=' padding. */
static inline size_t b64_encoded_length(size_t n, int pad) {
  return n / 3 * 4 + (n % 3 == 0 ? 0 : pad ? 4 : n % 3 + 1);
}

/* Encodes in[0..n) into out (b64_encoded_length(n, pad) characters): the base64url alphabet
 * when url. Returns the characters written. */
size_t b64_encode(const uint8_t *in, size_t n, char *out, int url, int pad);

/* The value 0..63 of a character in an alphabet (B64_*), or -1. */
int b64_value(int alphabet, unsigned char ch);

/* Decodes whole groups of four characters of the alphabet from s[0..len) (no whitespace, no
 * '=') into out while three more bytes fit in cap, up to the first group that is not four such
 * characters. Returns the bytes written (3 per group); *read gets the characters consumed.
 * Writes nothing past the bytes it returns. */
size_t b64_decode_groups(const uint8_t *s, size_t len, uint8_t *out, size_t cap, int alphabet,
                         size_t *read);

/* Lowercase hex of in[0..n) into out (2n characters). */
void hex_encode(const uint8_t *in, size_t n, char *out);

/* Decodes pairs of hex digits (either case) from s (2 * pairs characters) into out, up to the
 * first pair that is not two digits. Returns the pairs (bytes) decoded. */
size_t hex_decode(const uint8_t *s, size_t pairs, uint8_t *out);

/* Which loops may be used, when the CPU has them: 0 the tables only, 1 AVX2, 2 AVX2 and
 * AVX-512 VBMI (the default). Tests compare them. */
void b64_codec_use_simd(int on);

#endif
