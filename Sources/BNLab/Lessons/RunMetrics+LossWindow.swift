/// Which recorded steps a `loss` reference averages, so a claim can say what it compares.
extension RunMetrics {
    /// The first and last recorded step of the window `loss` at `point` averages: the last
    /// ``LessonMetric/smoothingSteps`` recorded steps up to the point; nil when it cannot be read.
    public func lossWindow(at point: MetricPoint) -> ClosedRange<Int>? {
        guard case .success(let target) = step(at: point) else { return nil }
        let window = steps.prefix { $0.step <= target }.suffix(LessonMetric.smoothingSteps)
        guard let first = window.first, let last = window.last else { return nil }
        return first.step...last.step
    }
}
