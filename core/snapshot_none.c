/* snapshot_none.c: an empty snapshot, for the generator that makes the real one. */
__asm__(".section .rodata\n"
        ".global rt_snapshot_data\n"
        ".hidden rt_snapshot_data\n"
        "rt_snapshot_data:\n"
        ".global rt_snapshot_data_end\n"
        ".hidden rt_snapshot_data_end\n"
        "rt_snapshot_data_end:\n"
        ".previous\n");
