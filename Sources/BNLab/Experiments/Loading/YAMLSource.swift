import Yams

/// A composed YAML document and its file name: answers "which line is this field on?" and
/// "what does the value there look like?" for error messages.
struct YAMLSource {
    /// The file as shown to people.
    let file: String
    /// The document's root node (nil for an empty document).
    let root: Node?

    /// The node at `path`, or nil when some step of it does not exist.
    func node(at path: FieldPath) -> Node? {
        var current = root
        for component in path.components {
            guard let node = current else { return nil }
            current = Self.child(of: node, component)?.value
        }
        return current
    }

    /// The line of the deepest existing step of `path` (a mapping key's own line, a list item's line).
    func line(for path: FieldPath) -> Int? {
        guard var current = root else { return nil }
        var line = current.mark?.line
        for component in path.components {
            guard let step = Self.child(of: current, component) else { break }
            line = step.line ?? line
            current = step.value
        }
        return line
    }

    /// How the value at `path` looks, for "got …": `"fast"`, `0.5`, `null`, `a list`, `a mapping`.
    func shownValue(at path: FieldPath) -> String? {
        guard let node = node(at: path) else { return nil }
        return Self.show(node)
    }

    /// A field-path → line table of the whole document, kept with a decoded spec.
    func sourceMap() -> SourceMap {
        var lines: [String: Int] = [:]
        func walk(_ node: Node, _ path: FieldPath, _ line: Int?) {
            if let line { lines[path.description] = line }
            switch node {
            case .mapping(let mapping):
                for (key, value) in mapping {
                    guard let name = key.string else { continue }
                    walk(value, path.appending(name), key.mark?.line ?? value.mark?.line)
                }
            case .sequence(let sequence):
                for (index, item) in sequence.enumerated() {
                    walk(item, path.appending(index: index), item.mark?.line)
                }
            default:
                break
            }
        }
        if let root { walk(root, .root, root.mark?.line ?? 1) }
        return SourceMap(file: file, lines: lines)
    }

    private static func child(of node: Node, _ component: FieldPath.Component) -> (value: Node, line: Int?)? {
        switch (node, component) {
        case (.mapping(let mapping), .key(let key)):
            for (k, v) in mapping where k.string == key { return (v, k.mark?.line ?? v.mark?.line) }
            return nil
        case (.sequence(let sequence), .index(let index)):
            let items = Array(sequence)
            guard items.indices.contains(index) else { return nil }
            return (items[index], items[index].mark?.line)
        default:
            return nil
        }
    }

    private static func show(_ node: Node) -> String {
        switch node {
        case .scalar(let scalar):
            if scalar.style == .plain || scalar.style == .any {
                if node.null != nil { return "null" }
                if node.float != nil || node.int != nil || node.bool != nil { return scalar.string }
            }
            return "\"\(scalar.string)\""
        case .mapping:
            return "a mapping"
        case .sequence:
            return "a list"
        case .alias:
            return "an alias"
        }
    }
}

/// Which line each field of an experiment file is on, kept with a decoded spec so that problems
/// found later (while resolving variants) still point at a line.
struct SourceMap: Sendable, Equatable {
    /// The file as shown to people.
    let file: String
    let lines: [String: Int]

    /// The line of `path`, or of its nearest enclosing field that has one.
    func line(for path: FieldPath) -> Int? {
        var current: FieldPath? = path
        while let p = current {
            if let line = lines[p.description] { return line }
            current = p.parent
        }
        return nil
    }
}

/// Holds a spec's ``SourceMap`` outside of equality: any two notes are equal.
struct SourceNote: Sendable, Equatable {
    var map: SourceMap?

    static func == (lhs: SourceNote, rhs: SourceNote) -> Bool { true }
}
