import Foundation

/// Where the dataset lives: `--data DIR`, else `$BNLAB_DATA`, else the Debian package's folder.
public enum DataFolder {
    /// The folder Debian's `dataset-fashion-mnist` package installs to.
    public static let defaultPath = "/usr/share/datasets/fashion-mnist"
    /// The environment variable naming the data folder when `--data` is not given.
    public static let environmentVariable = "BNLAB_DATA"

    /// Which rule chose the folder.
    public enum Source: String, Sendable {
        /// The `--data DIR` option.
        case option = "--data"
        /// The `BNLAB_DATA` environment variable.
        case environment = "BNLAB_DATA"
        /// Neither was given: the Debian package's folder.
        case defaultFolder = "default"
    }

    /// A resolved data folder and the rule that chose it.
    public struct Resolved: Sendable, Equatable {
        /// The folder (absolute, `~` expanded, relative paths taken from the current directory).
        public let url: URL
        /// Which rule chose it.
        public let source: Source
    }

    /// Resolves the data folder: `option` if given and non-empty, else `environment["BNLAB_DATA"]`
    /// if non-empty, else `defaultPath`.
    public static func resolve(option: String?,
                               environment: [String: String] = ProcessInfo.processInfo.environment) -> Resolved {
        if let option, !option.isEmpty {
            return Resolved(url: url(for: option), source: .option)
        }
        if let value = environment[environmentVariable], !value.isEmpty {
            return Resolved(url: url(for: value), source: .environment)
        }
        return Resolved(url: URL(fileURLWithPath: defaultPath, isDirectory: true), source: .defaultFolder)
    }

    private static func url(for path: String) -> URL {
        let expanded = (path as NSString).expandingTildeInPath
        return URL(fileURLWithPath: expanded, isDirectory: true).standardizedFileURL
    }
}
