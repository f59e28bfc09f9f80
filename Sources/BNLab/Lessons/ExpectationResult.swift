/// The outcome of checking one expectation on a set of runs.
public struct ExpectationResult: Sendable, Equatable {
    /// What came of it.
    public enum Outcome: Sendable, Equatable {
        /// It holds for the values read.
        case holds
        /// It does not hold for the values read.
        case fails
        /// A value could not be read (the reason; `tooShort` when a longer run would have it).
        case unreadable(String, tooShort: Bool)
        /// Not checked on these runs, and why (e.g. `full data only`).
        case skipped(String)
    }

    /// The expectation checked.
    public var expectation: LessonExpectation
    /// What came of it.
    public var outcome: Outcome
    /// The operands' values, in order, when all could be read.
    public var values: [Double]
    /// What the values are when not one number at the point, e.g. `mean of steps 251-300` for
    /// `loss`; nil otherwise.
    public var basis: String? = nil

    /// Whether it counts against the lesson: it fails, or a value it needs is missing.
    public var isFailure: Bool {
        switch outcome {
        case .fails, .unreadable: return true
        case .holds, .skipped: return false
        }
    }

    /// One line: `holds  bn.loss@300 < no-bn.loss@300  (mean of steps 251-300: 0.41 < 0.78)`,
    /// `FAILS …`, `skipped …`.
    public var line: String {
        let claim = ExpectationFormat.claim(expectation)
        // The values exist only when the claim could be checked.
        var read: String { (basis.map { "\($0): " } ?? "") + ExpectationFormat.values(expectation, values) }
        switch outcome {
        case .holds: return "holds    \(claim)  (\(read))"
        case .fails: return "FAILS    \(claim)  (\(read))"
        case .unreadable(let why, _): return "FAILS    \(claim)  (\(why))"
        case .skipped(let why): return "skipped  \(claim)  (\(why))"
        }
    }
}
