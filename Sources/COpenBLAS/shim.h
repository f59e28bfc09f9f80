#ifndef BNLAB_COPENBLAS_SHIM_H
#define BNLAB_COPENBLAS_SHIM_H
// OpenBLAS's CBLAS interface (Debian: libopenblas-dev). Linked as `openblas` explicitly so that the
// generic `libblas` alternative (possibly the slow reference BLAS) is never picked up.
#include <cblas.h>
#endif
