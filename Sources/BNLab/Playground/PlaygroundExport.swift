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

    /// The experiment file of `variant` under the id `id`, checked to load again.
    public static func yaml(_ variant: PlaygroundVariant, id: String) throws -> String {
        let text = try YAMLEncoder().encode(variant.experiment(id: id))
        _ = try ExperimentLoader.decode(yaml: text, file: "\(id).yaml").plans()
        return text
    }
}
