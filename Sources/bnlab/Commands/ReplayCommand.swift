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

    @Option(name: .long, help: ArgumentHelp("Drawing characters: auto (from the locale), unicode or ascii.",
                                            valueName: "auto|unicode|ascii"))
    var glyphs = "auto"

    @Flag(name: .long, help: "High contrast for projectors: bold bright colors, nothing dim, thicker lines (H toggles).")
    var highContrast = false

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("name at least one run file to replay") }
        guard GlyphChoice(rawValue: glyphs) != nil else {
            throw ValidationError("--glyphs must be auto, unicode or ascii, got '\(glyphs)'")
        }
    }

    func run() throws {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            printError("""
                bnlab: replay needs a terminal (stdin and stdout are not both TTYs).
                For headless use: `bnlab show RUN` prints a saved run.
                """)
            throw ExitCode(2)
        }
        var runs: [RunFile] = []
        var failures: [String] = []
        var paths: [String] = []
        for name in files {
            do {
                // the first screen from a quick read; the full files follow in the background
                let url = RunFileLocator.locate(name, in: folders.runsFolder)
                runs.append(try RunReader.readFirstScreen(contentsOf: url))
                paths.append(url.path)
            } catch {
                failures.append("\(error)")
            }
        }
        let classNames = runs.first?.header.classNames ?? []
        var experiments: [ExperimentInfo] = []
        if FileManager.default.fileExists(atPath: folders.experimentsFolder.path) {
            experiments = LabBackend.experimentInfos(catalog: ExperimentCatalog.load(folder: folders.experimentsFolder),
                                                     classNames: classNames)
        }
        let terminal: CursesTerminal
        do {
            terminal = try CursesTerminal(glyphs: GlyphChoice(rawValue: glyphs) ?? .auto)
        } catch {
            printError("bnlab: \(error)")
            throw ExitCode(2)
        }
        let label = runs.count == 1 ? "replay: " + TerminalSafe.strip(runs[0].url?.lastPathComponent ?? "") : "replay: \(runs.count) runs"
        let app = WorkbenchApp(terminal: terminal, backend: ReplayBackend(experiments: experiments),
                               options: WorkbenchOptions(backendLabel: label, runsFolder: folders.runsFolder,
                                                         highContrast: highContrast))
        app.send(.replayOpened(files: runs, failures: failures))
        app.completeReplay(paths: paths)
        let exit = app.run()
        terminal.restore()
        if case .interrupted(let sig) = exit { throw ExitCode(128 + sig) }
    }
}
