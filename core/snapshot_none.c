/* snapshot_none.c: an empty snapshot, for the generator that makes the real one. */
__asm__(".section .rodata\n"
        ".global mrt_snapshot_data\n"
        "mrt_snapshot_data:\n"
        ".global mrt_snapshot_data_end\n"
        "mrt_snapshot_data_end:\n"
        ".previous\n");
