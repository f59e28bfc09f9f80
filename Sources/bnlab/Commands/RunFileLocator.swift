import Foundation

/// Finds a run file named on the command line: a path, else a file name or a run id in the runs
/// folder.
enum RunFileLocator {
    /// What a name on the command line refers to.
    enum Match {
        case found(URL)
        case ambiguous([String])
        case missing
    }

    /// `name` as a path, else in `folder` (a file name, a unique prefix, or a run id ending a
    /// file name).
    static func match(_ name: String, in folder: URL) -> Match {
        let fm = FileManager.default
        if fm.fileExists(atPath: name) { return .found(URL(fileURLWithPath: name)) }
        let files = (try? fm.contentsOfDirectory(atPath: folder.path)) ?? []
        if files.contains(name) { return .found(folder.appendingPathComponent(name)) }
        let matches = files.filter { $0.hasSuffix(".jsonl") && ($0.hasPrefix(name) || $0.hasSuffix("-\(name).jsonl")) }
        switch matches.count {
        case 1: return .found(folder.appendingPathComponent(matches[0]))
        case 0: return .missing
        default: return .ambiguous(matches.sorted())
        }
    }

    /// The file for `name`; with no single match, the path as given, so the reader names it in
    /// its "cannot be read" message (the workbench shows that message rather than exiting).
    static func locate(_ name: String, in folder: URL) -> URL {
        if case .found(let url) = match(name, in: folder) { return url }
        return URL(fileURLWithPath: name)
    }
}
