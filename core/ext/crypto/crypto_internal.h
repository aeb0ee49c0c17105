/*
 * crypto_internal.h: the crypto extension's C side shared by its files (crypto.c: random
 * values, digests, HMAC, AES, PBKDF2, HKDF; the asymmetric algorithms' file adds its own).
 *
 * Keys. A secret key (HMAC, AES, PBKDF2, HKDF) is its bytes, kept by the CryptoKey in JS and
 * passed to each op. A key that needs native state (an EVP_PKEY) is a handle: a number the
 * CryptoKey keeps; rt_crypto_handle_add stores the pointer with its free function; JS frees it
 * (op cryptoHandleFree) when the CryptoKey is collected (FinalizationRegistry), and the
 * runtime frees what is left. Handles are used on the loop thread only: a pool job takes its
 * own reference (EVP_PKEY_up_ref) before it is submitted.
 */
#ifndef MRT_EXT_CRYPTO_INTERNAL_H
#define MRT_EXT_CRYPTO_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "mrt.h"

typedef struct rt_crypto rt_crypto;

/* The state of mrt_op_data(call) for every crypto op. */
rt_crypto *rt_crypto_of(mrt_op_call *c);
/* Registers more ops with the crypto state as their data (from rt_crypto_init). */
int rt_crypto_register(mrt_runtime *rt, rt_crypto *st, const mrt_op_decl *ops, size_t n);
/* A new handle (> 0) for p, or 0 when out of memory (then free_fn(p) has been called). */
uint32_t rt_crypto_handle_add(rt_crypto *st, void *p, void (*free_fn)(void *));
/* Frees handle h (its free function runs); an unknown one is ignored. */
void rt_crypto_handle_free(rt_crypto *st, uint32_t h);
/* The free function handle h was added with (its kind), NULL for an unknown one. */
void (*rt_crypto_handle_free_fn(rt_crypto *st, uint32_t h))(void *);
/* The pointer of handle h, NULL for an unknown one. */
void *rt_crypto_handle_get(rt_crypto *st, uint32_t h);

/* Loads libcrypto if needed; 0, or -1 after ending the call with an OperationError. */
int rt_crypto_need_ossl(mrt_op_call *c);
/* Ends the call with a DOMException of name (OperationError, DataError, ...): the JS side
 * turns the Error's code into that DOMException. */
void rt_crypto_error(mrt_op_call *c, const char *name, const char *msg);

/* The loop the pool jobs go to (the runtime's). */
struct loop;
struct loop *rt_crypto_loop(rt_crypto *st);
/* The runtime, and 1 once mrt_runtime_free has begun (a pool job's done then drops its result
 * instead of completing the op). */
mrt_runtime *rt_crypto_runtime(rt_crypto *st);
int rt_crypto_dead(rt_crypto *st);

/* asym.c: registers the asymmetric algorithms' ops (called by rt_crypto_init). */
int rt_asym_register(mrt_runtime *rt, rt_crypto *st);

/* node/hash.c: node:crypto's hashes, HMACs, ciphers and KDFs (called by rt_crypto_init). */
int rt_node_hash_register(mrt_runtime *rt, rt_crypto *st);

#endif
