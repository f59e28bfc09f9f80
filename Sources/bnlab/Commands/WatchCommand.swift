import ArgumentParser
import BNLab
import BNTUI
import Foundation

/// `bnlab watch [DIR|FILE…]`: the workbench on run files other programs are writing, followed live.
struct WatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Follow run files other programs are writing (e.g. the PyTorch recorder), live.",
        discussion: """
            Opens the workbench on the run files of a folder (default: the runs folder) or on the \
            files named, and follows them as they grow: new lines appear on the charts about four \
            times a second, new files in a followed folder appear as new runs, an `end` event \
            finishes a run, and a run that stops growing for --stall seconds without one is shown \
            as stalled. The files of a data-parallel run are named by rank (bn r0, bn r1, …) and drawn \
            together. Diagnostics a recorder wrote appear as `!` markers on the charts and as the \
            run's message. Training is off here; q quits.

            Examples:
              bnlab watch runs
              bnlab watch runs/ddp-bn-bn-20250131-120000-a3f9c2-rank0.jsonl runs/ddp-bn-bn-20250131-120000-5be001-rank1.jsonl
            """
    )

    @OptionGroup var folders: FolderOptions

    @Argument(help: ArgumentHelp("Folders (every *.jsonl in them, now and later) or run files; default: the runs folder.",
                                 valueName: "DIR|FILE"))
    var paths: [String] = []

    @Option(name: .long, help: ArgumentHelp("Seconds without new lines (and without an end event) before a run is shown stalled.",
                                            valueName: "seconds"))
    var stall: Double = 30

    @OptionGroup var screen: ScreenOptions

    func validate() throws {
        guard stall > 0 else { throw ValidationError("--stall must be more than 0 seconds, got \(stall)") }
    }

    func run() throws {
        let urls = paths.isEmpty ? [folders.runsFolder] : paths.map { URL(fileURLWithPath: $0) }
        for url in urls where !FileManager.default.fileExists(atPath: url.path) {
            printError("bnlab: \(url.path): no such file or folder; name a runs folder or run files to watch")
            throw ExitCode(2)
        }
        try screen.requireTerminal("watch", headless: "`bnlab show RUN` prints a run file as it is now.")
        let backend = FollowBackend(paths: urls, stallAfter: stall)
        let label = "watch: " + TerminalSafe.strip(urls.count == 1 ? urls[0].lastPathComponent : "\(urls.count) paths")
        // The runs browser (R) lists the folder watched (when one is), and stalls runs as watch does.
        var isFolder: ObjCBool = false
        let browsed = urls.count == 1 && FileManager.default.fileExists(atPath: urls[0].path, isDirectory: &isFolder)
            && isFolder.boolValue ? urls[0] : folders.runsFolder
        try screen.runSession(backend: backend, label: label, runsFolder: browsed, stallAfter: stall) { _ in
            backend.startPolling()
        }
    }
}
