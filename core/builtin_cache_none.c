/* builtin_cache_none.c: no code caches of built-in files, for the generators that run before
 * they exist (the snapshot's and the caches' own). */
__asm__(".section .rodata\n"
        ".global rt_builtin_cache_data\n"
        ".hidden rt_builtin_cache_data\n"
        "rt_builtin_cache_data:\n"
        ".global rt_builtin_cache_data_end\n"
        ".hidden rt_builtin_cache_data_end\n"
        "rt_builtin_cache_data_end:\n"
        ".previous\n");
