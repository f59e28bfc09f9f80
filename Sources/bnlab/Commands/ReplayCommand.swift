import ArgumentParser
import BNLab
import BNTUI
import Foundation

/// `bnlab replay RUN_FILE…`: the workbench, opened straight into the replay of saved runs (several
/// are compared on the same charts).
struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Replay saved runs in the workbench; several are compared.",
        discussion: """
            Opens the workbench paused at the first step of the runs. Space plays and pauses, f/b \
            step, F/B jump by epoch, * and / change the speed, 0 and $ jump to the start and the \
            end; every chart follows the replay cursor, and the loss legend reads the values at it. \
            With several runs, D lists the configuration keys that differ, and runs that differ \
            only in their seed are drawn as a mean line with a min-max band. R browses the other \
            saved runs of the runs folder. Files written by other \
            programs following docs/run-format.md replay too; a truncated file replays up to the \
            cut, and a file that cannot be read is reported inside the workbench.

            Examples:
              bnlab replay runs/bn-vs-no-bn-bn-20250131-120000-a3f9c2.jsonl
              bnlab replay a3f9c2 4c7136          (run ids in the runs folder: compared)
            """
    )

    @OptionGroup var folders: FolderOptions

    @Argument(help: ArgumentHelp("Run files: paths, or file names / run ids in the runs folder.", valueName: "RUN_FILE"))
    var files: [String]

    @OptionGroup var screen: ScreenOptions

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("name at least one run file to replay") }
    }

    func run() throws {
        try screen.requireTerminal("replay", headless: "`bnlab show RUN` prints a saved run.")
        // the first screen from a quick read; the full files follow in the background
        let (runs, failures) = RunReader.readEach(files.map { RunFileLocator.locate($0, in: folders.runsFolder) }) {
            try RunReader.readFirstScreen(contentsOf: $0)
        }
        let paths = runs.compactMap { $0.url?.path }
        let classNames = runs.first?.header.classNames ?? []
        var experiments: [ExperimentInfo] = []
        if FileManager.default.fileExists(atPath: folders.experimentsFolder.path) {
            experiments = LabBackend.experimentInfos(catalog: ExperimentCatalog.load(folder: folders.experimentsFolder),
                                                     classNames: classNames)
        }
        let label = runs.count == 1 ? "replay: " + TerminalSafe.strip(runs[0].url?.lastPathComponent ?? "") : "replay: \(runs.count) runs"
        try screen.runSession(backend: ReplayBackend(experiments: experiments), label: label,
                              runsFolder: folders.runsFolder) { app in
            app.send(.replayOpened(files: runs, failures: failures))
            app.completeReplay(paths: paths)
        }
    }
}
