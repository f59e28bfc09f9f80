import BNCore
import Foundation
import Yams

/// Reads experiment files into ``ExperimentSpec`` values, turning every problem into an
/// ``ExperimentError`` that names the file, line and field.
///
/// ```swift
/// let spec = try ExperimentLoader.load(contentsOf: URL(fileURLWithPath: "experiments/bn-vs-no-bn.yaml"))
/// let plans = try spec.plans()
/// ```
public enum ExperimentLoader {
    /// Reads and decodes one file. The file is shown in messages as `folder/name.yaml`.
    ///
    /// Only decoding is checked here; ``ExperimentSpec/plans()`` (which ``ExperimentCatalog``
    /// calls for every file) also checks that each variant resolves.
    public static func load(contentsOf url: URL, displayPath: String? = nil) throws(ExperimentError) -> ExperimentSpec {
        let shown = displayPath ?? Self.displayPath(of: url)
        let data: Data
        do {
            // at most one byte past the limit: a huge file (or /dev/zero) is never read whole
            let handle = try FileHandle(forReadingFrom: url)
            defer { try? handle.close() }
            data = try handle.read(upToCount: YAMLLimits.maxFileBytes + 1) ?? Data()
        } catch {
            throw ExperimentError(kind: .unreadable, file: shown, problem: "cannot be read (\(FileProblem.describe(error)))",
                                  hint: "check that the file exists and is readable")
        }
        guard data.count <= YAMLLimits.maxFileBytes else { throw YAMLLimits.tooLarge(shown, bytes: data.count) }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ExperimentError(kind: .unreadable, file: shown, problem: "is not UTF-8 text",
                                  hint: "save the file as UTF-8")
        }
        return try decode(yaml: text, file: shown)
    }

    /// Decodes an experiment from YAML text; `file` is the name used in messages.
    public static func decode(yaml text: String, file: String) throws(ExperimentError) -> ExperimentSpec {
        guard text.utf8.count <= YAMLLimits.maxFileBytes else { throw YAMLLimits.tooLarge(file, bytes: text.utf8.count) }
        try YAMLLimits.checkText(text, file: file)
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            throw syntaxError(error, file: file)
        }
        if let root { try YAMLLimits.checkTree(root, file: file) }
        let source = YAMLSource(file: file, root: root)
        guard let root else {
            throw ExperimentError(kind: .missingField, file: file, line: 1, problem: "is empty",
                                  hint: "an experiment needs at least id, title, summary, model, optimizer, batch_size and epochs")
        }
        guard case .mapping = root else {
            throw ExperimentError(kind: .typeMismatch, file: file, line: root.mark?.line,
                                  problem: "expected a mapping of experiment fields (id: …, title: …), got \(source.shownValue(at: .root) ?? "something else")",
                                  hint: "start the file with 'id: my-experiment'")
        }
        do {
            var spec = try YAMLDecoder().decode(ExperimentSpec.self, from: root, userInfo: [.bnlabStrictKeys: true])
            spec.source = source.sourceMap()
            return spec
        } catch let issue as SpecIssue {
            throw ExperimentError(issue, source: source.sourceMap(), fallbackFile: file)
        } catch let error as DecodingError {
            throw decodingError(error, source: source)
        } catch {
            throw syntaxError(error, file: file)
        }
    }

    /// `experiments/foo.yaml` for `…/experiments/foo.yaml`.
    static func displayPath(of url: URL) -> String {
        let folder = url.deletingLastPathComponent().lastPathComponent
        return folder.isEmpty || folder == "/" ? url.lastPathComponent : "\(folder)/\(url.lastPathComponent)"
    }

    /// A YAML syntax error, located by Yams' mark.
    private static func syntaxError(_ error: any Error, file: String) -> ExperimentError {
        let hint = "check the indentation and the brackets near that line; quote text that contains ': ' or '#'"
        if let yaml = error as? YamlError {
            switch yaml {
            case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
                 .composer(let context, let problem, let mark, _):
                let what = context.map { "\(problem) \($0.text)" } ?? problem
                return ExperimentError(kind: .syntax, file: file, line: mark.line, problem: "invalid YAML: \(what)", hint: hint)
            case .duplicatedKeysInMapping(let duplicates, let context):
                return ExperimentError(kind: .syntax, file: file, line: context.mark.line,
                                       problem: "the key \(duplicates.map { "'\($0)'" }.joined(separator: ", ")) appears twice in one mapping",
                                       hint: "keep one of them")
            default:
                return ExperimentError(kind: .syntax, file: file, problem: "invalid YAML: \(yaml)", hint: hint)
            }
        }
        return ExperimentError(kind: .syntax, file: file, problem: "invalid YAML: \(error)", hint: hint)
    }

    /// A Codable decoding error, in words, located through the document.
    private static func decodingError(_ error: DecodingError, source: YAMLSource) -> ExperimentError {
        let path: FieldPath, problem: String, hint: String, kind: ExperimentError.Kind
        switch error {
        case .typeMismatch(let type, let context):
            path = FieldPath(context.codingPath)
            let got = source.shownValue(at: path) ?? "something else"
            problem = "expected \(describe(type)), got \(got)"
            hint = "write \(example(type))"
            kind = .typeMismatch
        case .valueNotFound(let type, let context):
            path = FieldPath(context.codingPath)
            problem = "expected \(describe(type)), got null"
            hint = "write \(example(type)), or remove the key to use the default"
            kind = .typeMismatch
        case .keyNotFound(let key, let context):
            path = FieldPath(context.codingPath + [key])
            problem = "is missing"
            hint = "add '\(key.stringValue): …' here; it is required"
            kind = .missingField
        case .dataCorrupted(let context):
            path = FieldPath(context.codingPath)
            problem = context.debugDescription
            hint = "fix the value"
            kind = .invalidValue
        @unknown default:
            return ExperimentError(kind: .invalidValue, file: source.file, problem: "\(error)")
        }
        return ExperimentError(kind: kind, file: source.file, line: source.line(for: path),
                               field: path.description.isEmpty ? nil : path.description, problem: problem, hint: hint)
    }

    /// "a number", "a list", … for the type a decoder expected.
    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is Double.Type, is Float.Type: return "a number"
        case is Int.Type: return "a whole number"
        case is UInt64.Type, is UInt.Type: return "a whole number of 0 or more"
        case is Bool.Type: return "true or false"
        case is String.Type: return "text"
        default:
            let name = String(describing: type)
            if name.contains("Mapping") || name.contains("Dictionary") || name.contains("Keyed") { return "a mapping (key: value)" }
            if name.contains("Sequence") || name.contains("Array") || name.contains("Unkeyed") { return "a list" }
            if name.contains("Scalar") { return "a single value" }
            return "a value of type \(name)"
        }
    }

    /// An example of a value of the expected type, for hints.
    private static func example(_ type: Any.Type) -> String {
        switch describe(type) {
        case "a number": return "a number such as 0.1"
        case "a whole number", "a whole number of 0 or more": return "a whole number such as 64"
        case "true or false": return "true or false"
        case "a list": return "a list such as [1, 2] or one '- item' per line"
        case "a mapping (key: value)": return "a mapping such as {key: value} or indented 'key: value' lines"
        default: return describe(type)
        }
    }
}
