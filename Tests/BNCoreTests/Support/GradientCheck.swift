@testable import BNCore

/// One derivative whose analytic and numerical values disagree.
struct GradientMismatch: CustomStringConvertible {
    /// `input` or the parameter's state-dict key.
    var name: String
    /// The element's flat index.
    var index: Int
    /// What backward computed.
    var analytic: Float
    /// The central difference.
    var numeric: Float

    var description: String { "\(name)[\(index)]: backward \(analytic), finite difference \(numeric)" }
}

/// The outcome of a gradient check.
struct GradientCheckReport: CustomStringConvertible {
    /// How many derivatives were compared.
    var checked = 0
    /// Those that disagreed.
    var mismatches: [GradientMismatch] = []
    /// Structural problems: a wrong gradient shape, a parameter left without a gradient.
    var problems: [String] = []

    /// True when every derivative agreed and nothing was missing.
    var passed: Bool { checked > 0 && mismatches.isEmpty && problems.isEmpty }

    var description: String {
        var lines = ["\(checked) derivatives checked, \(mismatches.count) mismatched"]
        lines += problems
        lines += mismatches.prefix(8).map(\.description)
        if mismatches.count > 8 { lines.append("… and \(mismatches.count - 8) more") }
        return lines.joined(separator: "\n")
    }
}

/// A finite-difference gradient checker for modules.
///
/// For an input x it draws an upstream gradient g ~ U(-1, 1) of the output's shape and takes
/// the loss L = Σ g·y (accumulated in Double). Backward's input gradient and every parameter's
/// gradient are compared with central differences `(L(v + h) - L(v - h)) / (v⁺ - v⁻)`, where v⁺
/// and v⁻ are the perturbed values as actually stored in Float32. A derivative passes when
/// `|analytic - numeric| ≤ absoluteTolerance + relativeTolerance · max(|analytic|, |numeric|)`.
///
/// With h = 1e-2 the truncation error of the central difference is O(h²·f''') (≈1e-4 for these
/// layers at unit scale) and the Float32 rounding of y contributes ≈1e-5·√count/h; both sit
/// well under the tolerances, while a wrong formula (a missing term, a wrong factor or sign)
/// is off by a sizeable fraction of the gradient itself.
struct GradientChecker {
    /// The perturbation h.
    var step: Float = 1e-2
    /// Relative tolerance.
    var relativeTolerance: Float = 2e-2
    /// Absolute tolerance.
    var absoluteTolerance: Float = 2e-3

    /// Checks `module` at `input`.
    ///
    /// `evaluate` is the function differentiated numerically (default: `module.forward`); give one
    /// when each forward must be reproducible by other means, e.g. a dropout layer rebuilt from
    /// the same seed so every evaluation draws the same mask. Parameters with
    /// `requiresGrad == false` are skipped (and must get no gradient).
    func check(_ module: Module, input: Tensor, rng: RandomSource,
               evaluate: ((Tensor) throws -> Tensor)? = nil) throws -> GradientCheckReport {
        var report = GradientCheckReport()
        let f = evaluate ?? { try module.forward($0) }

        // Analytic pass.
        let y = try module.forward(input)
        let g = rng.uniform(shape: y.shape, low: -1, high: 1)
        module.zeroGrad()
        let dx = try module.backward(g)
        if dx.shape != input.shape {
            report.problems.append("input gradient has shape \(dx.shape), input \(input.shape)")
            return report
        }
        var analyticParameters: [(name: String, parameter: Parameter, grad: Tensor)] = []
        for (name, p) in module.namedParameters() {
            if !p.requiresGrad {
                if p.gradient != nil { report.problems.append("\(name) has requiresGrad=false but got a gradient") }
                continue
            }
            guard let grad = p.gradient else {
                report.problems.append("\(name) got no gradient")
                continue
            }
            analyticParameters.append((name, p, grad))
        }

        func loss(_ x: Tensor) throws -> Double {
            let out = try f(x)
            precondition(out.count == g.count, "output shape changed between evaluations")
            var total = 0.0
            for i in 0..<out.count { total += Double(g.data[i]) * Double(out.data[i]) }
            return total
        }

        func compare(_ name: String, _ index: Int, analytic: Float, numeric: Float) {
            report.checked += 1
            let bound = absoluteTolerance + relativeTolerance * max(abs(analytic), abs(numeric))
            if !(abs(analytic - numeric) <= bound) {
                report.mismatches.append(GradientMismatch(name: name, index: index, analytic: analytic, numeric: numeric))
            }
        }

        // Input derivatives.
        var x = input
        for i in 0..<input.count {
            let original = input.data[i]
            let plus = original + step, minus = original - step
            x.data[i] = plus
            let lPlus = try loss(x)
            x.data[i] = minus
            let lMinus = try loss(x)
            x.data[i] = original
            compare("input", i, analytic: dx.data[i],
                    numeric: Float((lPlus - lMinus) / (Double(plus) - Double(minus))))
        }

        // Parameter derivatives.
        for (name, p, grad) in analyticParameters {
            for k in 0..<p.value.count {
                let original = p.value.data[k]
                let plus = original + step, minus = original - step
                p.value.data[k] = plus
                let lPlus = try loss(input)
                p.value.data[k] = minus
                let lMinus = try loss(input)
                p.value.data[k] = original
                compare(name, k, analytic: grad.data[k],
                        numeric: Float((lPlus - lMinus) / (Double(plus) - Double(minus))))
            }
        }
        return report
    }
}

// MARK: - Random test data

/// A uniformly drawn integer in `range`.
func randomInt(_ range: ClosedRange<Int>, _ rng: RandomSource) -> Int {
    range.lowerBound + Int(rng.next() % UInt64(range.count))
}

/// A tensor of U(low, high) values.
func randomTensor(_ shape: [Int], _ rng: RandomSource, low: Float = -2, high: Float = 2) -> Tensor {
    rng.uniform(shape: shape, low: low, high: high)
}

/// A tensor of distinct values at least `gap` apart, in random order (no ties for max pooling,
/// and no perturbation of ±h can reorder them when gap > 2h).
func distinctTensor(_ shape: [Int], _ rng: RandomSource, gap: Float = 0.05) -> Tensor {
    let count = Tensor.count(of: shape)
    var values = (0..<count).map { Float($0) * gap - Float(count) * gap / 2 }
    for i in stride(from: count - 1, to: 0, by: -1) {
        values.swapAt(i, randomInt(0...i, rng))
    }
    return Tensor(shape: shape, data: values)
}

/// A tensor of values with |x| ≥ margin (away from ReLU's kink).
func awayFromZeroTensor(_ shape: [Int], _ rng: RandomSource, margin: Float = 0.1) -> Tensor {
    var t = randomTensor(shape, rng)
    for i in 0..<t.count { t.data[i] += t.data[i] < 0 ? -margin : margin }
    return t
}

/// Gives every parameter of `module` random values (so that a formula that ignores a weight,
/// or uses it where it should not, shows up), keeping them within [low, high].
func randomizeParameters(_ module: Module, _ rng: RandomSource, low: Float = 0.5, high: Float = 1.5) {
    for p in module.parameters() {
        p.value = rng.uniform(shape: p.value.shape, low: low, high: high)
        for i in 0..<p.value.count where rng.nextUnit() < 0.3 { p.value.data[i] = -p.value.data[i] }
    }
}
