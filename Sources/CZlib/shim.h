#ifndef BNLAB_CZLIB_SHIM_H
#define BNLAB_CZLIB_SHIM_H
// zlib (Debian: zlib1g-dev), used to read gzip-compressed IDX files.
#include <zlib.h>
#endif
