/// A checkpoint that cannot be used to resume or start a run, naming the file and what to do.
public struct CheckpointError: Error, Equatable, CustomStringConvertible, Sendable {
    /// The checkpoint's (or run file's) name.
    public var file: String
    /// What is wrong.
    public var problem: String
    /// What to do about it.
    public var hint: String

    /// An error about `file`.
    public init(file: String, problem: String, hint: String) {
        self.file = file
        self.problem = problem
        self.hint = hint
    }

    /// `run.e1.safetensors: has no bnlab.position metadata; resume from a checkpoint bnlab wrote`.
    public var description: String { "\(file): \(problem); \(hint)" }
}
