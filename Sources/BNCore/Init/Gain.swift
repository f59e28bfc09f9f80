/// PyTorch's `nn.init.calculate_gain`: the factor by which a nonlinearity changes the standard
/// deviation of its input, so that initializations can undo it.
///
/// | nonlinearity | gain |
/// |---|---|
/// | `linear`, `conv1d/2d/3d`, `conv_transpose1d/2d/3d`, `sigmoid` | 1 |
/// | `tanh` | 5/3 |
/// | `relu` | √2 |
/// | `leaky_relu` | √(2 / (1 + slope²)), slope = `param` or 0.01 |
/// | `selu` | 3/4 |
///
/// Throws PyTorch's error for any other name (`Unsupported nonlinearity gelu`).
public func calculateGain(nonlinearity: String, param: Double? = nil) throws -> Double {
    switch nonlinearity {
    case "linear", "conv1d", "conv2d", "conv3d", "conv_transpose1d", "conv_transpose2d", "conv_transpose3d", "sigmoid":
        return 1
    case "tanh": return 5.0 / 3
    case "relu": return (2.0).squareRoot()
    case "leaky_relu":
        let slope = param ?? 0.01
        return (2.0 / (1 + slope * slope)).squareRoot()
    case "selu": return 3.0 / 4
    default: throw CoreError.value("Unsupported nonlinearity \(nonlinearity)")
    }
}
