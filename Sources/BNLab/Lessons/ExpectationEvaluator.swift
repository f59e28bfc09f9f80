/// Checks lesson expectations on runs: reads every reference from the run of its variant and
/// compares. Pure: the same runs give the same results.
public struct ExpectationEvaluator: Sendable {
    /// The runs, by variant name.
    public let runs: [String: RunMetrics]

    /// The subset the experiment itself ships with, if any: runs on it count as full data.
    public let shippedSubset: SubsetSpec?

    /// An evaluator over `runs`; when several runs share a variant, the last one given is used.
    /// Runs on `shippedSubset` (the experiment's own subset) count as full data.
    public init(runs: [RunFile], shippedSubset: SubsetSpec? = nil) {
        var byVariant: [String: RunMetrics] = [:]
        for run in runs { byVariant[run.header.variant] = RunMetrics(run) }
        self.runs = byVariant
        self.shippedSubset = shippedSubset
    }

    /// Whether every run trained on the experiment's own data (`when: full` claims are checked
    /// only then).
    public var isFullData: Bool { !runs.isEmpty && runs.values.allSatisfy { $0.isFullData(shipped: shippedSubset) } }

    /// The value `reference` reads, or why it cannot be read.
    public func value(of reference: MetricReference) -> Result<Double, RunMetrics.Missing> {
        guard let run = runs[reference.variant] else {
            return .failure(RunMetrics.Missing(description: "no run of variant \(reference.variant)", isTooShort: false))
        }
        return run.value(reference.metric, at: reference.point)
    }

    /// Checks one expectation.
    public func check(_ e: LessonExpectation) -> ExpectationResult {
        if e.fullDataOnly, !isFullData {
            return ExpectationResult(expectation: e, outcome: .skipped("full data only"), values: [])
        }
        var values: [Double] = []
        for operand in e.operands {
            switch operand {
            case .number(let x): values.append(x)
            case .reference(let r):
                switch value(of: r) {
                case .success(let x): values.append(x)
                case .failure(let missing):
                    return ExpectationResult(expectation: e, outcome: .unreadable("\(r): \(missing)", tooShort: missing.isTooShort),
                                             values: [])
                }
            }
        }
        return ExpectationResult(expectation: e, outcome: Self.holds(e, values) ? .holds : .fails, values: values,
                                 basis: basis(of: e))
    }

    /// Checks every expectation of every step of `lesson`, step by step.
    public func check(_ lesson: [LessonStep]) -> [[ExpectationResult]] {
        lesson.map { $0.expect.map(check) }
    }

    /// Whether `e` holds for `v` (NaN never holds):
    /// less a < b, greater a > b, between lo ≤ a ≤ hi, near |a − b| ≤ within.
    static func holds(_ e: LessonExpectation, _ v: [Double]) -> Bool {
        switch e.relation {
        case .less: return v[0] < v[1]
        case .greater: return v[0] > v[1]
        case .between: return v[1] <= v[0] && v[0] <= v[2]
        case .near: return abs(v[0] - v[1]) <= (e.within ?? 0)
        }
    }
}
