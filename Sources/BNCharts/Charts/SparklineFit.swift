/// What a ``Sparkline`` shows when there are more values than columns.
public enum SparklineFit: Sendable, Hashable {
    /// The most recent values, one per column.
    case latest
    /// All values, neighbouring ones averaged into each column.
    case average
}
