import BNLab

extension ChartKind {
    /// The chart a lesson step's panel names.
    public init(_ panel: LessonPanel) {
        switch panel {
        case .loss: self = .loss
        case .accuracy: self = .accuracy
        case .bn: self = .runningStats
        }
    }
}
