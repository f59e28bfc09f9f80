/// Thrown by ``RunControl/checkpoint()`` when the run was cancelled; a job lets it propagate.
public struct RunCancelled: Error, Sendable, Equatable, CustomStringConvertible {
    /// The error.
    public init() {}

    /// `the run was cancelled`.
    public var description: String { "the run was cancelled" }
}
