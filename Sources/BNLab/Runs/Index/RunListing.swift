import Foundation

/// The runs of a runs folder: their summaries, newest first, and the files that could not be read.
public struct RunListing: Sendable {
    /// The readable runs, newest first.
    public var runs: [RunSummary]
    /// The files that could not be read, with why.
    public var failures: [RunFileError]

    /// A listing of these runs and failures.
    public init(runs: [RunSummary], failures: [RunFileError]) {
        self.runs = runs
        self.failures = failures
    }
}
