import Foundation
import Yams

/// Writes a playground variant into the catalog folder as a new experiment file, never over an
/// existing one: `<experiment>-<variant>.yaml`, else `…-2.yaml`, `…-3.yaml` and so on.
public enum PlaygroundExport {
    /// The most numbered names tried before giving up.
    static let maxAttempts = 999

    /// Writes `variant` as a new experiment in `folder` and returns the file's URL.
    ///
    /// The text is checked to load as an experiment (``ExperimentLoader``) before it is written.
    /// Throws ``ExperimentError`` when it does not, and a file error when the folder cannot be
    /// written or every name is taken.
    public static func write(_ variant: PlaygroundVariant, to folder: URL) throws -> URL {
        let stem = "\(variant.spec.id)-\(variant.name)"
        let taken = Set(((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).map {
            ($0 as NSString).deletingPathExtension
        })
        for attempt in 1...maxAttempts {
            let id = attempt == 1 ? stem : "\(stem)-\(attempt)"
            guard !taken.contains(id) else { continue }
            let text = try yaml(variant, id: id)
            let url = folder.appendingPathComponent("\(id).yaml")
            do {
                try Data(text.utf8).write(to: url, options: .withoutOverwriting)
                return url
            } catch let error as CocoaError where error.code == .fileWriteFileExists {
                continue   // written by someone else meanwhile: the next name
            }
        }
        throw CocoaError(.fileWriteFileExists, userInfo: [NSFilePathErrorKey: folder.appendingPathComponent("\(stem).yaml").path])
    }

    /// The experiment file of `variant` under the id `id`, checked to load again: every default
    /// written out, numbers as Swift prints them (`0.1`, `1e-05` rather than `1e-1`,
    /// `1.0000000000000001e-05`), the notes as a `|` block.
    public static func yaml(_ variant: PlaygroundVariant, id: String) throws -> String {
        var text = try YAMLEncoder().encode(variant.experiment(id: id))
        if let node = try compose(yaml: text) { text = try serialize(node: readable(node)) }
        _ = try ExperimentLoader.decode(yaml: text, file: "\(id).yaml").plans()
        return text
    }

    /// `node` with each plain float written in Swift's shortest form and each `notes` as a block.
    private static func readable(_ node: Node, key: String? = nil) -> Node {
        switch node {
        case .scalar(var scalar):
            if key == "notes", scalar.string.contains("\n") {
                scalar.style = .literal
            } else if scalar.style == .plain || scalar.style == .any, node.tag.rawValue == Tag.Name.float.rawValue,
                      let value = node.float, value.isFinite {
                scalar.string = "\(value)"
            }
            return .scalar(scalar)
        case .mapping(let mapping):
            return .mapping(Node.Mapping(mapping.map { ($0.key, readable($0.value, key: $0.key.string)) }, mapping.tag, mapping.style))
        case .sequence(let sequence):
            return .sequence(Node.Sequence(sequence.map { readable($0) }, sequence.tag, sequence.style))
        case .alias:
            return node
        }
    }
}
