/// The standard deviation Kaiming (He) initialization gives a weight of `shape`:
/// `std = gain / √fan`, with gain = ``calculateGain(nonlinearity:param:)`` of `nonlinearity`
/// and `a` (the negative slope of `leaky_relu`), and fan the `fan_in` or `fan_out` of `mode`.
/// Throws PyTorch's errors, in PyTorch's order: mode, dimensions, nonlinearity.
public func kaimingStd(shape: [Int], a: Double = 0, mode: String = "fan_in", nonlinearity: String = "leaky_relu") throws -> Double {
    let fanMode = try FanMode(mode)
    let (fanIn, fanOut) = try calculateFanInAndFanOut(shape: shape)
    let fan = fanMode == .fanIn ? fanIn : fanOut
    let gain = try calculateGain(nonlinearity: nonlinearity, param: a)
    return gain / Double(fan).squareRoot()
}

/// PyTorch's `nn.init.kaiming_uniform_`, then a multiplication by `scale`: draws the parameter
/// from U(-b, b) with `b = √3·std` (``kaimingStd(shape:a:mode:nonlinearity:)``), from `rng`.
/// A parameter with no elements is left alone, as in PyTorch.
public func kaimingUniform(_ parameter: Parameter, a: Double = 0, mode: String = "fan_in",
                           nonlinearity: String = "leaky_relu", scale: Double = 1, rng: RandomSource) throws {
    let shape = parameter.value.shape
    guard !shape.contains(0) else { return }
    let bound = 3.0.squareRoot() * (try kaimingStd(shape: shape, a: a, mode: mode, nonlinearity: nonlinearity))
    parameter.value = scaled(rng.uniform(shape: shape, low: Float(-bound), high: Float(bound)), by: scale)
}

/// PyTorch's `nn.init.kaiming_normal_`, then a multiplication by `scale`: draws the parameter
/// from N(0, std²) (``kaimingStd(shape:a:mode:nonlinearity:)``), from `rng`.
/// A parameter with no elements is left alone, as in PyTorch.
public func kaimingNormal(_ parameter: Parameter, a: Double = 0, mode: String = "fan_in",
                          nonlinearity: String = "leaky_relu", scale: Double = 1, rng: RandomSource) throws {
    let shape = parameter.value.shape
    guard !shape.contains(0) else { return }
    let std = try kaimingStd(shape: shape, a: a, mode: mode, nonlinearity: nonlinearity)
    parameter.value = scaled(rng.normal(shape: shape, std: std), by: scale)
}
