/// A problem with one field of an experiment, found while decoding or resolving it.
///
/// Thrown from `init(from:)` (it passes through the YAML decoder untouched) and from plan
/// resolution; the loader turns it into an ``ExperimentError`` with the file name and line.
struct SpecIssue: Error, Sendable {
    /// The field the problem is about.
    var path: FieldPath
    /// What was wrong, e.g. `expected a number or null, got "fast"`.
    var problem: String
    /// What to do about it.
    var hint: String?
    /// The kind of problem, carried into the public error.
    var kind: ExperimentError.Kind

    init(_ path: FieldPath, _ problem: String, hint: String? = nil, kind: ExperimentError.Kind = .invalidValue) {
        self.path = path
        self.problem = problem
        self.hint = hint
        self.kind = kind
    }

    init(_ codingPath: [any CodingKey], _ problem: String, hint: String? = nil,
         kind: ExperimentError.Kind = .invalidValue) {
        self.init(FieldPath(codingPath), problem, hint: hint, kind: kind)
    }
}
