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
        } else if now.timeIntervalSince(followed.lastGrowth) >= stallAfter {
            state = .paused
            message = "stalled: no new lines for \(Int(now.timeIntervalSince(followed.lastGrowth))) s and no end event"
        }
        return RunInfo(id: followed.tail.url.lastPathComponent, experimentID: header.experiment,
                       variant: variantLabel(header, among: headers), state: state, message: message,
                       newEvents: events, seed: header.seed, context: RunContext(header: header))
    }

    /// `rank 0`, `rank 1` … for the files of a data-parallel run (with the variant when several
    /// groups are followed); the variant otherwise.
    static func variantLabel(_ header: RunHeader, among headers: [RunHeader]) -> String {
        guard let rank = header.rank else { return header.variant }
        let groups = Set(headers.compactMap(\.group))
        return groups.count > 1 ? "\(header.variant) rank \(rank)" : "rank \(rank)"
    }
}
