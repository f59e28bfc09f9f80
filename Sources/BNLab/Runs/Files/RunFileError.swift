/// Why a run file could not be read or written.
///
/// ```text
/// run file x.jsonl: format version 2.0 is newer than this bnlab reads (1.x); upgrade bnlab
/// ```
public struct RunFileError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The sort of problem.
    public enum Kind: String, Sendable, Equatable {
        /// The file could not be opened or read.
        case unreadable
        /// The file or folder could not be created or written.
        case unwritable
        /// The first line is not a bnlab run header.
        case notARunFile
        /// The file was written by a newer major version of the format.
        case newerVersion
        /// The header's version is not one this bnlab knows (too old, or malformed).
        case unsupportedVersion
        /// The header is a bnlab header but a required field is missing or wrong.
        case badHeader
    }

    /// The sort of problem.
    public var kind: Kind
    /// The file's name (or path, as given).
    public var file: String
    /// The 1-based line, when the problem is on one.
    public var line: Int?
    /// What was wrong.
    public var problem: String
    /// What to do about it.
    public var hint: String?

    /// An error with every part given.
    public init(kind: Kind, file: String, line: Int? = nil, problem: String, hint: String? = nil) {
        self.kind = kind
        self.file = file
        self.line = line
        self.problem = problem
        self.hint = hint
    }

    /// `run file NAME[:LINE]: problem; hint`.
    public var description: String {
        var out = "run file \(file)"
        if let line { out += ":\(line)" }
        out += ": \(problem)"
        if let hint { out += "; \(hint)" }
        return out
    }

    /// A decoding error in words: `field 'epoch.train_loss': expected a number`.
    static func describe(_ error: any Error) -> String {
        func field(_ path: [any CodingKey]) -> String {
            let text = FieldPath(path).description
            return text.isEmpty ? "" : "field '\(text)': "
        }
        switch error {
        case let issue as SpecIssue:
            let text = issue.path.description
            return (text.isEmpty ? "" : "field '\(text)': ") + issue.problem
        case DecodingError.keyNotFound(let key, let context):
            return field(context.codingPath + [key]) + "is missing"
        case DecodingError.typeMismatch(let type, let context):
            return field(context.codingPath) + "expected \(jsonName(type))"
        case DecodingError.valueNotFound(let type, let context):
            return field(context.codingPath) + "expected \(jsonName(type)), got null"
        case DecodingError.dataCorrupted(let context):
            return field(context.codingPath) + context.debugDescription
        default:
            return "\(error)"
        }
    }

    private static func jsonName(_ type: Any.Type) -> String {
        switch type {
        case is Double.Type, is Float.Type, is Int.Type, is UInt64.Type, is [Float].Type, is [Double].Type:
            return String(describing: type).hasPrefix("Array") ? "a list of numbers" : "a number"
        case is String.Type: return "a string"
        case is Bool.Type: return "true or false"
        default:
            let name = String(describing: type)
            if name.hasPrefix("Array") { return "a list" }
            if name.hasPrefix("Dictionary") { return "an object" }
            return name
        }
    }
}
