import Yams

/// Bounds on an experiment file, so that no file can make loading take minutes or gigabytes:
/// its size, how deeply it nests, and how many nodes it expands to once aliases are followed
/// (a "billion laughs" file of a few hundred bytes names an anchor that names an anchor … and
/// expands to billions of nodes).
enum YAMLLimits {
    /// The largest experiment file read: 1 MiB (the shipped ones are a few KiB).
    static let maxFileBytes = 1 << 20
    /// The most nodes a document may expand to, every alias followed.
    static let maxNodes = 100_000
    /// The deepest nesting of lists and mappings.
    static let maxDepth = 64

    /// Checks the text before it is parsed: flow brackets and block indentation nest at most
    /// ``maxDepth`` levels (a parser recursing once per level must not run out of stack).
    static func checkText(_ text: String, file: String) throws(ExperimentError) {
        var depth = 0, line = 1, column = 0
        var quote: UInt8? = nil, comment = false, leading = true
        for byte in text.utf8 {
            if byte == 0x0A {
                line += 1; column = 0; comment = false; leading = true
                if quote == 0x27 { quote = nil }   // a single-quoted scalar rarely spans lines; be lenient
                continue
            }
            column += 1
            if comment { continue }
            if leading {
                if byte == 0x20 || byte == 0x2D || byte == 0x3F || byte == 0x3A { // spaces and "- ", "? ", ": " indicators
                    if column > 4 * maxDepth { throw tooDeep(file, line) }
                    continue
                }
                leading = false
            }
            if let q = quote {
                if byte == q { quote = nil }
                continue
            }
            switch byte {
            case 0x22, 0x27: quote = byte
            case 0x23: comment = true
            case 0x5B, 0x7B:
                depth += 1
                if depth > maxDepth { throw tooDeep(file, line) }
            case 0x5D, 0x7D: depth = max(0, depth - 1)
            default: break
            }
        }
    }

    /// Checks the composed document: at most ``maxNodes`` nodes with every alias followed, and
    /// at most ``maxDepth`` levels. Stops counting at the limit, so the check itself is cheap.
    static func checkTree(_ root: Node, file: String) throws(ExperimentError) {
        var count = 0
        var deepest: Mark? = nil
        func walk(_ node: Node, _ depth: Int) -> Bool {
            count += 1
            if count > maxNodes { return false }
            if depth > maxDepth { deepest = node.mark; return false }
            switch node {
            case .mapping(let mapping):
                for (key, value) in mapping where !walk(key, depth + 1) || !walk(value, depth + 1) { return false }
            case .sequence(let sequence):
                for item in sequence where !walk(item, depth + 1) { return false }
            case .scalar, .alias:
                break
            }
            return true
        }
        guard !walk(root, 0) else { return }
        if let deepest { throw tooDeep(file, deepest.line) }
        throw ExperimentError(kind: .syntax, file: file, line: 1,
                              problem: "expands to more than \(maxNodes) values once its aliases (*name) are followed",
                              hint: "an experiment needs far fewer; remove the aliases that repeat other aliases")
    }

    /// The file is larger than ``maxFileBytes``.
    static func tooLarge(_ file: String, bytes: Int) -> ExperimentError {
        ExperimentError(kind: .unreadable, file: file,
                        problem: "is \(bytes > maxFileBytes ? "larger than" : "") \(maxFileBytes / 1024) KiB, more than an experiment file may hold",
                        hint: "experiment files are short YAML documents; check that this is the right file")
    }

    private static func tooDeep(_ file: String, _ line: Int) -> ExperimentError {
        ExperimentError(kind: .syntax, file: file, line: line, problem: "nests lists and mappings more than \(maxDepth) levels deep",
                        hint: "an experiment needs a few levels; check the indentation and the brackets")
    }
}
