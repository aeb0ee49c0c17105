/* builtin_cache_blob.c: embeds the built-in files' code caches made at build time
 * (MRT_BUILTIN_CACHE_FILE; builtin_cache.h). Hidden, as the snapshot's (snapshot_blob.c). */
__asm__(".section .rodata\n"
        ".balign 64\n"
        ".global rt_builtin_cache_data\n"
        ".hidden rt_builtin_cache_data\n"
        ".type rt_builtin_cache_data, @object\n"
        "rt_builtin_cache_data:\n"
        ".incbin \"" MRT_BUILTIN_CACHE_FILE "\"\n"
        ".global rt_builtin_cache_data_end\n"
        ".hidden rt_builtin_cache_data_end\n"
        "rt_builtin_cache_data_end:\n"
        ".previous\n");
