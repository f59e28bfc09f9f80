/// The state of the "run which variants?" dialog.
public struct VariantPicker: Sendable, Equatable {
    /// The experiment to run.
    public var experimentID: String
    /// The highlighted row: 0 is "all variants", `k` is variant `k − 1`.
    public var selection: Int

    /// A picker with "all variants" highlighted.
    public init(experimentID: String, selection: Int = 0) {
        self.experimentID = experimentID
        self.selection = selection
    }
}
