import ArgumentParser
import BNLab
import Foundation

/// Reads run files named on the command line: a path, or a file name / run id in the runs folder.
struct RunFileArguments {
    let folders: FolderOptions

    /// The run file for `name`, with a clear error (exit 2) when it cannot be found or read.
    func read(_ name: String) throws -> RunFile {
        let url = try locate(name)
        do {
            return try RunReader.read(contentsOf: url)
        } catch {
            printError("bnlab: \(error)")
            throw ExitCode(2)
        }
    }

    private func locate(_ name: String) throws -> URL {
        let fm = FileManager.default
        if fm.fileExists(atPath: name) { return URL(fileURLWithPath: name) }
        let folder = folders.runsFolder
        let inFolder = folder.appendingPathComponent(name)
        if fm.fileExists(atPath: inFolder.path) { return inFolder }
        // A run id or a unique prefix of a file name.
        let files = (try? fm.contentsOfDirectory(atPath: folder.path)) ?? []
        let matches = files.filter { $0.hasSuffix(".jsonl") && ($0.hasPrefix(name) || $0.hasSuffix("-\(name).jsonl")) }
        if matches.count == 1 { return folder.appendingPathComponent(matches[0]) }
        if matches.count > 1 {
            printError("bnlab: '\(name)' matches \(matches.count) runs in \(folder.path): \(matches.prefix(4).joined(separator: ", "))…")
        } else {
            printError("bnlab: no run file '\(name)' (not a path, nor a run in \(folder.path)); `bnlab runs` lists them")
        }
        throw ExitCode(2)
    }
}
