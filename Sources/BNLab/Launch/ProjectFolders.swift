import Foundation

/// Where bnlab finds its experiment catalog and keeps its run files.
public enum ProjectFolders {
    /// The catalog: `--experiments DIR`, else `BNLAB_EXPERIMENTS`, else `./experiments`, else the
    /// `experiments` folder of the checkout the executable was built in (found by walking up from
    /// the executable), so `bnlab` works from any directory.
    public static func experiments(option: String?, environment: [String: String] = ProcessInfo.processInfo.environment,
                                   executable: URL = URL(fileURLWithPath: CommandLine.arguments.first ?? "")) -> URL {
        if let option, !option.isEmpty { return URL(fileURLWithPath: option) }
        if let env = environment["BNLAB_EXPERIMENTS"], !env.isEmpty { return URL(fileURLWithPath: env) }
        let local = URL(fileURLWithPath: "experiments")
        if isDirectory(local) { return local }
        var dir = executable.resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<6 {
            let candidate = dir.appendingPathComponent("experiments")
            if isDirectory(candidate) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return local
    }

    /// The run files: `--runs DIR`, else `BNLAB_RUNS`, else `./runs`.
    public static func runs(option: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        if let option, !option.isEmpty { return URL(fileURLWithPath: option) }
        if let env = environment["BNLAB_RUNS"], !env.isEmpty { return URL(fileURLWithPath: env) }
        return URL(fileURLWithPath: "runs")
    }

    private static func isDirectory(_ url: URL) -> Bool {
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir) && isDir.boolValue
    }
}
