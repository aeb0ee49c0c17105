/* snapshot_blob.c: embeds the snapshot file made at build time (MRT_SNAPSHOT_FILE). Hidden:
 * an assembler .global ignores -fvisibility, and only mrt_ names leave libmrt. */
__asm__(".section .rodata\n"
        ".balign 64\n"
        ".global rt_snapshot_data\n"
        ".hidden rt_snapshot_data\n"
        ".type rt_snapshot_data, @object\n"
        "rt_snapshot_data:\n"
        ".incbin \"" MRT_SNAPSHOT_FILE "\"\n"
        ".global rt_snapshot_data_end\n"
        ".hidden rt_snapshot_data_end\n"
        "rt_snapshot_data_end:\n"
        ".previous\n");
