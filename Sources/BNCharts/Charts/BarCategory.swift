/// One row block of a ``BarChart`` (e.g. a class name) with one value per group, in group order.
public struct BarCategory: Sendable, Hashable {
    /// Shown left of the category's first bar.
    public var name: String
    /// Values per group; a missing or NaN value draws no bar and prints the missing mark.
    public var values: [Double]

    /// Creates a category.
    public init(name: String, values: [Double]) {
        self.name = name
        self.values = values
    }
}
