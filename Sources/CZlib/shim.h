// zlib for the fake server's compressed bodies (Debian's zlib1g-dev; in the macOS SDK).
// deflateInit2 is a macro, which Swift does not import, so it gets a tiny wrapper.
#ifndef CHORUS_CZLIB_SHIM_H
#define CHORUS_CZLIB_SHIM_H
#include <zlib.h>

static inline int chorus_deflate_init2(z_streamp stream, int level, int windowBits) {
    return deflateInit2(stream, level, Z_DEFLATED, windowBits, 8, Z_DEFAULT_STRATEGY);
}
#endif
