#ifndef BNLAB_CMALLOC_SHIM_H
#define BNLAB_CMALLOC_SHIM_H
// glibc's allocator controls (mallopt and its M_* parameters), absent from Swift's Glibc module.
#if defined(__linux__)
#include <malloc.h>
#endif
#endif
