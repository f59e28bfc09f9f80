/// The element types bnlab reads and writes in safetensors files: `F32` for parameters and
/// running statistics, `I64` for `num_batches_tracked`.
public enum SafeTensorsDType: String, Sendable, CaseIterable {
    case f32 = "F32"
    case i64 = "I64"

    /// Bytes per element.
    public var byteCount: Int {
        switch self {
        case .f32: 4
        case .i64: 8
        }
    }
}
