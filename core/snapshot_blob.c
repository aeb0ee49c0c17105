/* snapshot_blob.c: embeds the snapshot file made at build time (MRT_SNAPSHOT_FILE). */
__asm__(".section .rodata\n"
        ".balign 64\n"
        ".global mrt_snapshot_data\n"
        ".type mrt_snapshot_data, @object\n"
        "mrt_snapshot_data:\n"
        ".incbin \"" MRT_SNAPSHOT_FILE "\"\n"
        ".global mrt_snapshot_data_end\n"
        "mrt_snapshot_data_end:\n"
        ".previous\n");
