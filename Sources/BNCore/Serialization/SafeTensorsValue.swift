/// One tensor of a safetensors file: its shape and its elements in row-major order.
public enum SafeTensorsValue: Equatable, Sendable {
    case f32(shape: [Int], [Float])
    case i64(shape: [Int], [Int64])

    /// The element type.
    public var dtype: SafeTensorsDType {
        switch self {
        case .f32: .f32
        case .i64: .i64
        }
    }

    /// The shape (`[]` for a scalar).
    public var shape: [Int] {
        switch self {
        case .f32(let shape, _), .i64(let shape, _): shape
        }
    }

    /// The number of elements.
    public var count: Int {
        switch self {
        case .f32(_, let v): v.count
        case .i64(_, let v): v.count
        }
    }
}
