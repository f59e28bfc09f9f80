import COpenBLAS

/// Matrix products through OpenBLAS's `cblas_sgemm`, and its thread setting.
public enum BLAS {
    /// Sets OpenBLAS to `count` threads (process-wide). bnlab runs it single-threaded so that
    /// several runs can train in parallel and the UI keeps a core.
    public static func setThreads(_ count: Int) {
        openblas_set_num_threads(Int32(count))
    }

    /// `C = alpha * op(A) * op(B) + beta * C`, all row-major.
    ///
    /// `op(A)` is m×k, `op(B)` is k×n, `C` is m×n. `lda`, `ldb`, `ldc` are the row strides of the
    /// matrices as stored (before transposition).
    @inline(__always)
    public static func gemm(
        transA: Bool, transB: Bool, m: Int, n: Int, k: Int,
        alpha: Float = 1, a: UnsafePointer<Float>, lda: Int,
        b: UnsafePointer<Float>, ldb: Int,
        beta: Float = 0, c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        cblas_sgemm(CblasRowMajor,
                    transA ? CblasTrans : CblasNoTrans,
                    transB ? CblasTrans : CblasNoTrans,
                    Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb),
                    beta, c, Int32(ldc))
    }
}
