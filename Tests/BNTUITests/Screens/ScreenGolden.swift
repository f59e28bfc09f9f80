import Foundation

/// Compares rendered golden text with its stored file, or rewrites the file when
/// `BNLAB_UPDATE_SCREENS` is set (to anything but empty or `0`).
enum ScreenGolden {
    /// What a comparison found.
    enum Outcome: Equatable {
        /// The stored file is the rendered text.
        case same
        /// Update mode: the file was written (it was missing or differed).
        case written
        /// The stored file differs; the message holds the diff and the update command.
        case differs(String)
        /// No stored file; the message says how to create it.
        case missing(String)
    }

    /// Whether this test process rewrites the golden files.
    static var isUpdating: Bool {
        let value = ProcessInfo.processInfo.environment["BNLAB_UPDATE_SCREENS"] ?? ""
        return !value.isEmpty && value != "0"
    }

    /// Compares `rendered` with the file at `url` (or writes it when `update`).
    static func check(_ rendered: String, against url: URL, update: Bool = isUpdating) throws -> Outcome {
        let name = ScreenPaths.relative(url)
        let stored = try? String(contentsOf: url, encoding: .utf8)
        if stored == rendered { return .same }
        if update {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try rendered.write(to: url, atomically: true, encoding: .utf8)
            return .written
        }
        guard let stored else {
            return .missing("no golden screen \(name): create it with `\(ScreenText.updateCommand)` (or `make screens`)")
        }
        let diff = ScreenDiff.lines(stored: stored, rendered: rendered)
        return .differs((["screen differs from \(name) (-stored +rendered):"] + diff
            + ["if the change is intended: `\(ScreenText.updateCommand)` (or `make screens`), then review `git diff`"])
            .joined(separator: "\n"))
    }
}
