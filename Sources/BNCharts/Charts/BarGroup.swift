/// One bar of every category in a ``BarChart`` (e.g. "BN eval-mode"), with its color.
public struct BarGroup: Sendable, Hashable {
    /// Shown in the legend.
    public var name: String
    /// nil takes ``ChartColor/automatic(_:)`` for the group's position.
    public var color: ChartColor?

    /// Creates a group.
    public init(name: String, color: ChartColor? = nil) {
        self.name = name
        self.color = color
    }
}
