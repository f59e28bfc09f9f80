import BNCore
import Foundation

extension ParityRunner {
    // MARK: - Init cases

    /// Compares the core's standard deviation (and uniform bound) with PyTorch's, then checks a
    /// draw from the core's generator (seeded with the case's `seed`) statistically: bnlab's
    /// generator is not PyTorch's, so values cannot match one by one. With n values and σ the
    /// expected standard deviation, a draw passes when every value lies within the bound
    /// (uniform), |mean| ≤ 6·σ/√n and |std − σ| ≤ 6·σ/√(2n) (six standard errors: a correct
    /// draw fails about once in 10⁸). PyTorch's own draw (`sample`) must pass the same test, so
    /// a file whose std does not describe its draw is caught too.
    func runInit(_ golden: GoldenCase, _ check: inout CaseCheck) throws {
        guard let function = golden.function, let shape = golden.shape else { return check.fail("init case needs function and shape") }
        let scale = golden.scale ?? 1
        let parameter = Parameter(Tensor(zeros: shape))
        let rng = RandomSource(seed: UInt64(truncatingIfNeeded: golden.seed ?? 0))
        var std = 0.0
        let apply = {
            var a = Arguments(type: function, values: golden.args ?? [:])
            switch function {
            case "xavier_uniform_", "xavier_normal_":
                let gain = try a.double("gain", default: 1)
                try a.checkAllUsed()
                std = try xavierStd(shape: shape, gain: gain)
                if function == "xavier_uniform_" { try xavierUniform(parameter, gain: gain, scale: scale, rng: rng) }
                else { try xavierNormal(parameter, gain: gain, scale: scale, rng: rng) }
            case "kaiming_uniform_", "kaiming_normal_":
                let slope = try a.double("a", default: 0), mode = try a.string("mode", default: "fan_in")
                let nonlinearity = try a.string("nonlinearity", default: "leaky_relu")
                try a.checkAllUsed()
                if function == "kaiming_uniform_" {
                    try kaimingUniform(parameter, a: slope, mode: mode, nonlinearity: nonlinearity, scale: scale, rng: rng)
                } else {
                    try kaimingNormal(parameter, a: slope, mode: mode, nonlinearity: nonlinearity, scale: scale, rng: rng)
                }
                std = try kaimingStd(shape: shape, a: slope, mode: mode, nonlinearity: nonlinearity)
            default:
                throw FactoryError(type: function, message: "not an initialization bnlab implements")
            }
        }
        if let expected = golden.error {
            if !expectError(expected, &check, apply) { check.fail("no error, expected \"\(expected)\"") }
            return
        }
        try apply()
        std *= abs(scale)
        if let expected = golden.std { Tolerance.formula.compare("std", [std], [expected], into: &check) }
        let bound = 3.0.squareRoot() * std
        if let expected = golden.bound {
            Tolerance.formula.compare("bound", [bound], [expected], into: &check)
            // float32 draws of U(-b, b) may round onto b itself
            if let outside = parameter.value.data.firstIndex(where: { !(abs(Double($0)) <= bound * (1 + 1e-6)) }) {
                check.fail("value [\(outside)] = \(parameter.value.data[outside]) outside ±\(bound)")
            }
        }
        let values = parameter.value.data.map(Double.init)
        let n = Double(values.count), mean = values.reduce(0, +) / n
        let drawStd = (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / n).squareRoot()
        checkDraw("bnlab's draw", mean: mean, std: drawStd, expected: std, count: n, &check)
        if let sample = golden.sample {
            checkDraw("PyTorch's draw (sample)", mean: sample.mean, std: sample.std, expected: std, count: n, &check)
            if golden.bound != nil, max(abs(sample.min), abs(sample.max)) > bound * (1 + 1e-6) {
                check.fail("PyTorch's draw reaches \(max(abs(sample.min), abs(sample.max))), outside ±\(bound)")
            }
        }
    }

    private func checkDraw(_ what: String, mean: Double, std: Double, expected sigma: Double, count n: Double,
                           _ check: inout CaseCheck) {
        let meanLimit = 6 * sigma / n.squareRoot(), stdLimit = 6 * sigma / (2 * n).squareRoot()
        if !(abs(mean) <= meanLimit) { check.fail("\(what): mean \(mean), expected 0 ± \(meanLimit)") }
        if !(abs(std - sigma) <= stdLimit) { check.fail("\(what): std \(std), expected \(sigma) ± \(stdLimit)") }
    }
}
