import BNLab
import Foundation

extension FollowBackend {
    /// The `*.jsonl` files of `paths`: a folder's, sorted by name, and files named directly.
    static func runFiles(in paths: [URL]) -> [URL] {
        var urls: [URL] = []
        for path in paths {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path.path, isDirectory: &isFolder) else { continue }
            if isFolder.boolValue {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: path.path)) ?? []
                urls += names.filter { $0.hasSuffix(".jsonl") }.sorted().map { path.appendingPathComponent($0) }
            } else {
                urls.append(path)
            }
        }
        return urls
    }

    /// The workbench's view of one followed file: running while it grows, finished by its `end`,
    /// paused as *stalled* after ``stallAfter`` quiet seconds without one.
    static func info(_ followed: Followed, header: RunHeader, among headers: [RunHeader], events: [RunEvent],
                     now: Date, stallAfter: TimeInterval) -> RunInfo {
        var state = RunInfo.State.running
        var message = followed.lastDiagnostic
        if let end = followed.end {
            state = RunInfo.State(end.status)
            message = end.message ?? message
        } else if followed.growth.isStalled(now: now, after: stallAfter) {
            state = .paused
            message = followed.growth.stalledMessage(now: now)
        }
        // The run id names the run (`7ba9c3`); the file name when it has none or shares it.
        let runID = header.runID
        let id = runID.isEmpty || headers.filter({ $0.runID == runID }).count > 1
            ? followed.tail.url.lastPathComponent : runID
        var info = RunInfo(id: id, experimentID: experimentID,
                           variant: variantLabel(header, among: headers), state: state, message: message,
                           newEvents: events, seed: header.seed, context: RunContext(header: header))
        info.rank = header.rank
        info.group = header.group
        info.classNames = header.classNames
        info.moduleOrder = header.modules.map(\.name)
        return info
    }

    /// A run's variant among the followed ones: its own (`experiment/variant` when several
    /// experiments are followed, as they all share the one catalog entry). The one naming rule
    /// (``RunNaming``) adds the rank of a data-parallel run's files: `bn r0`, `bn r1`.
    static func variantLabel(_ header: RunHeader, among headers: [RunHeader]) -> String {
        let experiments = Set(headers.map(\.experiment))
        return experiments.count > 1 ? "\(header.experiment)/\(header.variant)" : header.variant
    }
}
