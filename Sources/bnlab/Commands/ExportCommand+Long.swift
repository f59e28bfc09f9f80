import ArgumentParser
import BNCore
import BNLab
import Foundation

/// `bnlab export RUN… --long`: several runs in one long-format CSV, read and written one run at a time.
extension ExportCommand {
    /// The single run of a one-run export.
    var runFile: String { runFiles[0] }

    /// Writes the long CSV of every named run to `--output` or standard output.
    func exportLong() throws {
        guard format == .csv else { throw ValidationError("--long and several runs export csv only (--format csv)") }
        let arguments = RunFileArguments(folders: folders)
        let write: (Data) throws -> Void
        var file: FileHandle?
        if let output {
            guard FileManager.default.createFile(atPath: output, contents: nil), let handle = FileHandle(forWritingAtPath: output) else {
                printError("bnlab export: cannot write \(output): check the folder exists and can be written to")
                throw ExitCode(2)
            }
            file = handle
            write = { data in
                do { try handle.write(contentsOf: data) } catch {
                    printError("bnlab export: cannot write \(output): \(FileProblem.describe(error))")
                    throw ExitCode(2)
                }
            }
        } else {
            write = StandardStreams.writeOutput
        }
        defer { try? file?.close() }
        try write(Data(RunExporter.longCSVHeader.utf8))
        for name in runFiles {
            let run = try arguments.read(name) { url in
                try RunReader.read(contentsOf: url, skipping: RunExporter.longCSVSkippedTypes)
            }
            try write(Data(RunExporter.longCSVRows(run).utf8))
        }
    }
}
