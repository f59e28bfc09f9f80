/// Where a value sits inside an experiment file: mapping keys and list indices from the top.
///
/// Written as in the error messages: `model[2].momentum`, `variants[1].lr`, `batch_size`.
struct FieldPath: Hashable, Sendable, CustomStringConvertible {
    /// One step down the document: a mapping key or a list index.
    enum Component: Hashable, Sendable {
        case key(String)
        case index(Int)
    }

    var components: [Component]

    /// The top of the document.
    static let root = FieldPath(components: [])

    init(components: [Component]) { self.components = components }

    /// The path of a Codable coding path (index keys become list indices).
    init(_ codingPath: [any CodingKey]) {
        components = codingPath.map { key in
            if let index = key.intValue { return .index(index) }
            return .key(key.stringValue)
        }
    }

    /// This path with a key appended.
    func appending(_ key: String) -> FieldPath {
        FieldPath(components: components + [.key(key)])
    }

    /// This path with a list index appended.
    func appending(index: Int) -> FieldPath {
        FieldPath(components: components + [.index(index)])
    }

    /// The path one step up, or nil at the top.
    var parent: FieldPath? {
        components.isEmpty ? nil : FieldPath(components: Array(components.dropLast()))
    }

    /// `model[2].momentum`; empty at the top.
    var description: String {
        var out = ""
        for component in components {
            switch component {
            case .key(let key):
                if !out.isEmpty { out += "." }
                out += key
            case .index(let index):
                out += "[\(index)]"
            }
        }
        return out
    }
}
