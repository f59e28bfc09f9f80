/// The standard deviation Xavier (Glorot) initialization gives a weight of `shape`:
/// `std = gain·√(2 / (fan_in + fan_out))`. Throws PyTorch's errors (fewer than 2 dimensions;
/// both fans 0 is Python's division by zero).
public func xavierStd(shape: [Int], gain: Double = 1) throws -> Double {
    let (fanIn, fanOut) = try calculateFanInAndFanOut(shape: shape)
    guard fanIn + fanOut != 0 else { throw CoreError(.zeroDivisionError, "float division by zero") }
    return gain * (2.0 / Double(fanIn + fanOut)).squareRoot()
}

/// PyTorch's `nn.init.xavier_uniform_`, then a multiplication by `scale`: draws the parameter
/// from U(-a, a) with `a = √3·std` (``xavierStd(shape:gain:)``), from `rng`.
public func xavierUniform(_ parameter: Parameter, gain: Double = 1, scale: Double = 1, rng: RandomSource) throws {
    let bound = 3.0.squareRoot() * (try xavierStd(shape: parameter.value.shape, gain: gain))
    parameter.value = scaled(rng.uniform(shape: parameter.value.shape, low: Float(-bound), high: Float(bound)), by: scale)
}

/// PyTorch's `nn.init.xavier_normal_`, then a multiplication by `scale`: draws the parameter
/// from N(0, std²) (``xavierStd(shape:gain:)``), from `rng`.
public func xavierNormal(_ parameter: Parameter, gain: Double = 1, scale: Double = 1, rng: RandomSource) throws {
    let std = try xavierStd(shape: parameter.value.shape, gain: gain)
    parameter.value = scaled(rng.normal(shape: parameter.value.shape, std: std), by: scale)
}

/// `t·scale` (in float32, as `tensor.mul_(scale)`); `t` itself when the scale is 1.
func scaled(_ t: Tensor, by scale: Double) -> Tensor {
    guard scale != 1 else { return t }
    var out = t
    let factor = Float(scale)
    for i in 0..<out.count { out.data[i] *= factor }
    return out
}
