import COpenBLAS

/// Which OpenBLAS kernels are in use.
///
/// OpenBLAS picks its kernels when it loads, from the CPU it recognizes, unless the
/// `OPENBLAS_CORETYPE` environment variable names a set (e.g. `Haswell` for AVX2 only, which
/// makes results identical across machines at some cost in speed). `bnlab bench` reports it.
public enum KernelChoice {
    /// The kernel set OpenBLAS is using now, e.g. `Haswell`, `SkylakeX`, `Cooperlake`.
    public static var current: String {
        guard let name = openblas_get_corename() else { return "unknown" }
        return String(cString: name)
    }
}
