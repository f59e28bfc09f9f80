import Foundation

/// Where the golden screens, their run files and the experiment catalog are, found from this source
/// file (the test target declares no resources: the goldens are rewritten in the source tree).
enum ScreenPaths {
    /// `Tests/BNTUITests`.
    static let testsFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    /// The package root.
    static let packageRoot = testsFolder.deletingLastPathComponent().deletingLastPathComponent()
    /// The golden files, `NAME-WxH-MODE.txt`.
    static let goldens = testsFolder.appendingPathComponent("Fixtures/screens")
    /// The fixture runs written by `scripts/make-screen-runs.sh`, one folder per group.
    static let runs = testsFolder.appendingPathComponent("Fixtures/screen-runs")
    /// The experiment catalog users see (titles, notes, variant colours, lessons).
    static let experiments = packageRoot.appendingPathComponent("experiments")

    /// `url` relative to the package root, for messages.
    static func relative(_ url: URL) -> String {
        let root = packageRoot.standardizedFileURL.path + "/"
        let path = url.standardizedFileURL.path
        return path.hasPrefix(root) ? String(path.dropFirst(root.count)) : path
    }
}
