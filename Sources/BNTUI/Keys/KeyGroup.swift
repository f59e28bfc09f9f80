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
    /// Replaying and comparing saved runs, the saved-runs browser and lessons.
    case replay = "Replay"
    /// Help and quitting.
    case general = "General"
}
