import CMalloc

/// Keeps freed activation buffers inside the process instead of handing them back to the OS.
///
/// Each training step allocates and frees the same few large tensors (about 1 MB each for the
/// CNN's activations at batch 64). With glibc's defaults, blocks that size may be returned to the
/// kernel on free and page-faulted back in, zero-filled, on the next step: a fifth of the CNN's
/// step time on a 2-core machine. Raising the mmap and trim thresholds makes them reuse heap memory.
/// Resident memory then stays at its peak (tens of MB for bnlab's networks) and does not grow
/// with the number of steps. Process-wide; calling it again changes nothing. A no-op off glibc.
public enum AllocatorTuning {
    /// Applies the thresholds (256 MiB mmap threshold, 512 MiB trim threshold, 64 MiB top pad).
    public static func keepLargeBlocks() {
        #if os(Linux)
        _ = mallopt(M_MMAP_THRESHOLD, 256 << 20)
        _ = mallopt(M_TRIM_THRESHOLD, 512 << 20)
        _ = mallopt(M_TOP_PAD, 64 << 20)
        #endif
    }
}
