/* asym_ossl.h: the OpenSSL 3 functions asym.c calls, as a table of pointers filled on first
 * use from the lazily loaded libcrypto (nothing links against it: cold start does not pay for
 * it). The types are OpenSSL's own (its headers are only declarations). */
#ifndef MRT_ASYM_OSSL_H
#define MRT_ASYM_OSSL_H

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

/* X(name, return type, argument list) for every function used. */
#define ASYM_OSSL_FUNCS(X)                                                                  \
  X(EVP_PKEY_CTX_new_from_name, EVP_PKEY_CTX *, (OSSL_LIB_CTX *, const char *, const char *)) \
  X(EVP_PKEY_CTX_new_from_pkey, EVP_PKEY_CTX *, (OSSL_LIB_CTX *, EVP_PKEY *, const char *))   \
  X(EVP_PKEY_CTX_free, void, (EVP_PKEY_CTX *))                                              \
  X(EVP_PKEY_keygen_init, int, (EVP_PKEY_CTX *))                                            \
  X(EVP_PKEY_generate, int, (EVP_PKEY_CTX *, EVP_PKEY **))                                  \
  X(EVP_PKEY_CTX_set_group_name, int, (EVP_PKEY_CTX *, const char *))                       \
  X(EVP_PKEY_CTX_set_rsa_keygen_bits, int, (EVP_PKEY_CTX *, int))                           \
  X(EVP_PKEY_CTX_set1_rsa_keygen_pubexp, int, (EVP_PKEY_CTX *, BIGNUM *))                   \
  X(EVP_PKEY_free, void, (EVP_PKEY *))                                                      \
  X(EVP_PKEY_up_ref, int, (EVP_PKEY *))                                                     \
  X(EVP_PKEY_is_a, int, (const EVP_PKEY *, const char *))                                   \
  X(EVP_PKEY_get_bits, int, (const EVP_PKEY *))                                             \
  X(EVP_PKEY_get_size, int, (const EVP_PKEY *))                                             \
  X(EVP_PKEY_get_utf8_string_param, int,                                                    \
    (const EVP_PKEY *, const char *, char *, size_t, size_t *))                             \
  X(EVP_PKEY_get_octet_string_param, int,                                                   \
    (const EVP_PKEY *, const char *, unsigned char *, size_t, size_t *))                    \
  X(EVP_PKEY_get_bn_param, int, (const EVP_PKEY *, const char *, BIGNUM **))                \
  X(EVP_PKEY_set_utf8_string_param, int, (EVP_PKEY *, const char *, const char *))          \
  X(EVP_PKEY_get_raw_public_key, int, (const EVP_PKEY *, unsigned char *, size_t *))        \
  X(EVP_PKEY_get_raw_private_key, int, (const EVP_PKEY *, unsigned char *, size_t *))       \
  X(EVP_PKEY_new_raw_public_key_ex, EVP_PKEY *,                                             \
    (OSSL_LIB_CTX *, const char *, const char *, const unsigned char *, size_t))            \
  X(EVP_PKEY_new_raw_private_key_ex, EVP_PKEY *,                                            \
    (OSSL_LIB_CTX *, const char *, const char *, const unsigned char *, size_t))            \
  X(EVP_PKEY_fromdata_init, int, (EVP_PKEY_CTX *))                                          \
  X(EVP_PKEY_fromdata, int, (EVP_PKEY_CTX *, EVP_PKEY **, int, OSSL_PARAM *))               \
  X(EVP_PKEY_pairwise_check, int, (EVP_PKEY_CTX *))                                         \
  X(EVP_PKEY_public_check, int, (EVP_PKEY_CTX *))                                           \
  X(OSSL_PARAM_BLD_new, OSSL_PARAM_BLD *, (void))                                           \
  X(OSSL_PARAM_BLD_free, void, (OSSL_PARAM_BLD *))                                          \
  X(OSSL_PARAM_BLD_push_utf8_string, int,                                                   \
    (OSSL_PARAM_BLD *, const char *, const char *, size_t))                                 \
  X(OSSL_PARAM_BLD_push_octet_string, int,                                                  \
    (OSSL_PARAM_BLD *, const char *, const void *, size_t))                                 \
  X(OSSL_PARAM_BLD_push_BN, int, (OSSL_PARAM_BLD *, const char *, const BIGNUM *))          \
  X(OSSL_PARAM_BLD_to_param, OSSL_PARAM *, (OSSL_PARAM_BLD *))                              \
  X(OSSL_PARAM_free, void, (OSSL_PARAM *))                                                  \
  X(OSSL_PARAM_construct_octet_string, OSSL_PARAM, (const char *, void *, size_t))          \
  X(OSSL_PARAM_construct_end, OSSL_PARAM, (void))                                           \
  X(EVP_PKEY_CTX_set_params, int, (EVP_PKEY_CTX *, const OSSL_PARAM *))                     \
  X(d2i_PUBKEY, EVP_PKEY *, (EVP_PKEY **, const unsigned char **, long))                    \
  X(i2d_PUBKEY, int, (const EVP_PKEY *, unsigned char **))                                  \
  X(d2i_PKCS8_PRIV_KEY_INFO, PKCS8_PRIV_KEY_INFO *,                                         \
    (PKCS8_PRIV_KEY_INFO **, const unsigned char **, long))                                 \
  X(i2d_PKCS8_PRIV_KEY_INFO, int, (const PKCS8_PRIV_KEY_INFO *, unsigned char **))          \
  X(EVP_PKCS82PKEY, EVP_PKEY *, (const PKCS8_PRIV_KEY_INFO *))                              \
  X(EVP_PKEY2PKCS8, PKCS8_PRIV_KEY_INFO *, (const EVP_PKEY *))                              \
  X(PKCS8_PRIV_KEY_INFO_free, void, (PKCS8_PRIV_KEY_INFO *))                                \
  X(BN_bin2bn, BIGNUM *, (const unsigned char *, int, BIGNUM *))                            \
  X(BN_bn2binpad, int, (const BIGNUM *, unsigned char *, int))                              \
  X(BN_num_bits, int, (const BIGNUM *))                                                     \
  X(BN_free, void, (BIGNUM *))                                                              \
  X(BN_clear_free, void, (BIGNUM *))                                                        \
  X(EVP_MD_CTX_new, EVP_MD_CTX *, (void))                                                   \
  X(EVP_MD_CTX_free, void, (EVP_MD_CTX *))                                                  \
  X(EVP_DigestSignInit, int,                                                                \
    (EVP_MD_CTX *, EVP_PKEY_CTX **, const EVP_MD *, ENGINE *, EVP_PKEY *))                  \
  X(EVP_DigestSign, int,                                                                    \
    (EVP_MD_CTX *, unsigned char *, size_t *, const unsigned char *, size_t))               \
  X(EVP_DigestVerifyInit, int,                                                              \
    (EVP_MD_CTX *, EVP_PKEY_CTX **, const EVP_MD *, ENGINE *, EVP_PKEY *))                  \
  X(EVP_DigestVerify, int,                                                                  \
    (EVP_MD_CTX *, const unsigned char *, size_t, const unsigned char *, size_t))           \
  X(EVP_get_digestbyname, const EVP_MD *, (const char *))                                   \
  X(EVP_PKEY_CTX_set_rsa_padding, int, (EVP_PKEY_CTX *, int))                               \
  X(EVP_PKEY_CTX_set_rsa_pss_saltlen, int, (EVP_PKEY_CTX *, int))                           \
  X(EVP_PKEY_CTX_set_rsa_mgf1_md, int, (EVP_PKEY_CTX *, const EVP_MD *))                    \
  X(EVP_PKEY_CTX_set_rsa_oaep_md, int, (EVP_PKEY_CTX *, const EVP_MD *))                    \
  X(EVP_PKEY_encrypt_init, int, (EVP_PKEY_CTX *))                                           \
  X(EVP_PKEY_encrypt, int,                                                                  \
    (EVP_PKEY_CTX *, unsigned char *, size_t *, const unsigned char *, size_t))             \
  X(EVP_PKEY_decrypt_init, int, (EVP_PKEY_CTX *))                                           \
  X(EVP_PKEY_decrypt, int,                                                                  \
    (EVP_PKEY_CTX *, unsigned char *, size_t *, const unsigned char *, size_t))             \
  X(EVP_PKEY_derive_init, int, (EVP_PKEY_CTX *))                                            \
  X(EVP_PKEY_derive_set_peer, int, (EVP_PKEY_CTX *, EVP_PKEY *))                            \
  X(EVP_PKEY_derive, int, (EVP_PKEY_CTX *, unsigned char *, size_t *))                      \
  X(d2i_ECDSA_SIG, ECDSA_SIG *, (ECDSA_SIG **, const unsigned char **, long))               \
  X(i2d_ECDSA_SIG, int, (const ECDSA_SIG *, unsigned char **))                              \
  X(ECDSA_SIG_new, ECDSA_SIG *, (void))                                                     \
  X(ECDSA_SIG_free, void, (ECDSA_SIG *))                                                    \
  X(ECDSA_SIG_get0, void, (const ECDSA_SIG *, const BIGNUM **, const BIGNUM **))            \
  X(ECDSA_SIG_set0, int, (ECDSA_SIG *, BIGNUM *, BIGNUM *))                                 \
  X(ERR_clear_error, void, (void))

typedef struct asym_ossl {
#define ASYM_OSSL_FIELD(name, ret, args) ret(*name) args;
  ASYM_OSSL_FUNCS(ASYM_OSSL_FIELD)
#undef ASYM_OSSL_FIELD
} asym_ossl;

#endif /* MRT_ASYM_OSSL_H */
