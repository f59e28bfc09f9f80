import BNCore

/// Elementwise closeness `|a - b| ≤ atol + rtol·|b|`, as `torch.allclose` defines it.
public struct Tolerance: Sendable {
    public var atol: Double
    public var rtol: Double

    /// Layers, losses and optimizer steps: float32 against float64 references.
    public static let element = Tolerance(atol: 1e-5, rtol: 1e-4)
    /// Whole training trajectories, where float32 rounding compounds over steps.
    public static let trajectory = Tolerance(atol: 1e-3, rtol: 1e-3)
    /// Double-precision formulas (learning-rate schedules, initialization std and bounds), which
    /// bnlab computes with PyTorch's operations in PyTorch's order: equal up to the last bits.
    public static let formula = Tolerance(atol: 1e-15, rtol: 1e-12)

    /// Compares `actual` with `expected`; records the largest absolute error and the first
    /// violation into `check`.
    func compare(_ what: String, _ actual: [Float], _ expected: [Double], into check: inout CaseCheck) {
        compare(what, actual.map(Double.init), expected, into: &check)
    }

    /// Compares double-precision values (see the float version).
    func compare(_ what: String, _ actual: [Double], _ expected: [Double], into check: inout CaseCheck) {
        guard actual.count == expected.count else {
            check.fail("\(what): \(actual.count) values, expected \(expected.count)")
            return
        }
        for (i, (a, e)) in zip(actual, expected).enumerated() {
            let error = abs(a - e)
            if error.isNaN || !(error <= atol + rtol * abs(e)) {
                check.fail("\(what)[\(i)] = \(a), expected \(e)")
            }
            if error.isNaN { check.maxAbsError = .nan } else { check.maxAbsError = max(check.maxAbsError, error) }
        }
    }

    func compare(_ what: String, _ actual: Tensor, _ expected: GoldenTensor, into check: inout CaseCheck) {
        if actual.shape != expected.shape {
            check.fail("\(what): shape \(actual.shape), expected \(expected.shape)")
            return
        }
        compare(what, actual.data, expected.data, into: &check)
    }
}

/// The running verdict of one case.
struct CaseCheck {
    var maxAbsError = 0.0
    var failures: [String] = []

    mutating func fail(_ reason: String) {
        if failures.count < 3 { failures.append(reason) }
    }
}
