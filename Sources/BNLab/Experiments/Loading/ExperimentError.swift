/// Why an experiment file could not be used, located by file, line and field.
///
/// Its description reads like a compiler diagnostic, followed by what to do:
///
/// ```text
/// experiments/foo.yaml:12: field 'model[2].momentum': expected a number or null, got "fast" — write a number between 0 and 1 such as 0.1, or null for a cumulative average
/// ```
public struct ExperimentError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The sort of problem, for code that reacts to it (messages are for people).
    public enum Kind: String, Sendable, Equatable {
        /// The file could not be read.
        case unreadable
        /// The text is not valid YAML.
        case syntax
        /// A value has the wrong type (a word where a number belongs, a list for a mapping…).
        case typeMismatch
        /// A required field is missing.
        case missingField
        /// A key the experiment format does not know (often a typo).
        case unknownKey
        /// A value of the right type that is not allowed (a zero size, an unknown layer type…).
        case invalidValue
        /// No variant of that name.
        case unknownVariant
    }

    /// The sort of problem.
    public var kind: Kind
    /// The file, as shown to people, e.g. `experiments/foo.yaml`.
    public var file: String
    /// The 1-based line the problem is on, when known.
    public var line: Int?
    /// The field, e.g. `model[2].momentum`, when the problem is about one.
    public var field: String?
    /// What was wrong.
    public var problem: String
    /// What to do about it.
    public var hint: String?

    /// An error with every part given.
    public init(kind: Kind, file: String, line: Int? = nil, field: String? = nil, problem: String, hint: String? = nil) {
        self.kind = kind
        self.file = file
        self.line = line
        self.field = field
        self.problem = problem
        self.hint = hint
    }

    /// `file:line: field 'x': problem — hint`.
    public var description: String {
        var out = file
        if let line { out += ":\(line)" }
        out += ": "
        if let field, !field.isEmpty { out += "field '\(field)': " }
        out += problem
        if let hint { out += " — \(hint)" }
        return out
    }
}
