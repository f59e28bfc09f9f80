/// The sections of the help overlay, in order.
public enum KeyGroup: String, Sendable, Hashable, CaseIterable {
    /// Moving around.
    case navigation = "Navigate"
    /// Starting and controlling runs.
    case runs = "Runs"
    /// Choosing and tuning charts.
    case charts = "Charts"
    /// BN running statistics.
    case batchNorm = "BN statistics"
    /// Replaying and comparing saved runs and the saved-runs browser.
    case replay = "Replay"
    /// Playing a lesson over a replay (the same title as ``KeyMode/lesson``).
    case lesson = "Lesson"
    /// Help and quitting.
    case general = "General"
}
