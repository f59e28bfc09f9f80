import ArgumentParser
import BNLab
import Foundation

/// Reads run files named on the command line for the headless commands (`show`, `export`),
/// exiting with status 2 and one clear line when a name matches no file, several, or an
/// unreadable one.
struct RunFileArguments {
    let folders: FolderOptions

    /// The run file for `name`, read by `reader` (a full read unless told).
    func read(_ name: String, reader: (URL) throws -> RunFile = { try RunReader.read(contentsOf: $0) }) throws -> RunFile {
        let folder = folders.runsFolder
        switch RunFileLocator.match(name, in: folder) {
        case .found(let url):
            do {
                return try reader(url)
            } catch {
                printError("bnlab: \(error)")
                throw ExitCode(2)
            }
        case .ambiguous(let matches):
            printError("bnlab: '\(name)' matches \(matches.count) runs in \(folder.path): \(matches.prefix(4).joined(separator: ", "))…")
        case .missing:
            printError("bnlab: no run file '\(name)' (not a path, nor a run in \(folder.path)); `bnlab runs` lists them")
        }
        throw ExitCode(2)
    }
}
