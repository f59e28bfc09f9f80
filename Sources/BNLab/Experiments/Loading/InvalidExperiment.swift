/// An experiment file that could not be used, and why.
public struct InvalidExperiment: Sendable, Equatable {
    /// The file as shown to people, e.g. `experiments/foo.yaml`.
    public var file: String
    /// What was wrong with it.
    public var error: ExperimentError

    /// A failed file.
    public init(file: String, error: ExperimentError) {
        self.file = file
        self.error = error
    }
}
