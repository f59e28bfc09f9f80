/// What a checked claim's values are, when that is not the plain number at the point: `loss` is
/// a mean over recorded steps, unlike the chart's smoothed legend or one step of the run file.
extension ExpectationEvaluator {
    /// `mean of steps 251-300` when every `loss` operand of `e` averages the same steps;
    /// `means of the 50 steps to each point` when they differ; nil without a `loss` operand.
    func basis(of e: LessonExpectation) -> String? {
        let windows = e.operands.compactMap { operand -> ClosedRange<Int>?? in
            guard case .reference(let r) = operand, r.metric == .loss else { return nil }
            return .some(runs[r.variant]?.lossWindow(at: r.point))
        }
        guard let first = windows.first else { return nil }
        if let range = first, windows.allSatisfy({ $0 == range }) {
            return range.count == 1 ? "step \(range.lowerBound)" : "mean of steps \(range.lowerBound)-\(range.upperBound)"
        }
        return "means of the \(LessonMetric.smoothingSteps) steps to each point"
    }
}
