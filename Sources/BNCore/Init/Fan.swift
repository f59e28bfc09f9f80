/// PyTorch's `nn.init._calculate_fan_in_and_fan_out` for a weight of `shape`:
/// `fan_in = shape[1]·r`, `fan_out = shape[0]·r`, with r the product of the sizes after the
/// second (the receptive field of a convolution kernel; 1 for a Linear weight).
/// Throws PyTorch's error for fewer than 2 dimensions.
public func calculateFanInAndFanOut(shape: [Int]) throws -> (fanIn: Int, fanOut: Int) {
    guard shape.count >= 2 else {
        throw CoreError.value("Fan in and fan out can not be computed for tensor with fewer than 2 dimensions")
    }
    let receptiveField = shape.dropFirst(2).reduce(1, *)
    return (shape[1] * receptiveField, shape[0] * receptiveField)
}

/// Which fan Kaiming initialization divides by: `fan_in` keeps the forward pass's variance,
/// `fan_out` the backward pass's.
enum FanMode {
    case fanIn, fanOut

    /// PyTorch's `_calculate_correct_fan` check: the mode, case-insensitive, is `fan_in` or `fan_out`.
    init(_ mode: String) throws {
        switch mode.lowercased() {
        case "fan_in": self = .fanIn
        case "fan_out": self = .fanOut
        default: throw CoreError.value("Mode \(mode.lowercased()) not supported, please use one of ['fan_in', 'fan_out']")
        }
    }
}
