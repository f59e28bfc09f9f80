import ArgumentParser
import BNCore
import BNCurses
import BNLab
import BNTUI
import Foundation

/// `bnlab lesson EXPERIMENT [RUN_FILE…]`: the experiment's `lesson:` played over saved runs in the
/// workbench: the replay plays to each step's pause point, pauses on its chart and shows the text.
struct LessonCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lesson",
        abstract: "Play an experiment's lesson over saved runs of it.",
        discussion: """
            The replay plays until the lesson's next pause point, pauses on the chart the step \
            names and shows its text. When the step asks a question, predict the answer, then \
            press a to reveal it; N continues to the next step, q quits. Without run files, the \
            newest saved run of each variant of the experiment in the runs folder is used; with \
            --fresh, every variant is trained first (progress on stderr, --epochs and --subset \
            make it quick) and the lesson plays over the new runs.

            Examples:
              bnlab lesson bn-vs-no-bn
              bnlab lesson bn-vs-no-bn --fresh --epochs 1 --subset 2000
              bnlab lesson frozen-bn runs/frozen-bn-bn-20250131-120000-a3f9c2.jsonl
            """
    )

    @OptionGroup var folders: FolderOptions

    @Argument(help: "The experiment whose lesson to play, e.g. bn-vs-no-bn.")
    var experiment: String

    @Argument(help: ArgumentHelp("Run files of it: paths, or file names / run ids in the runs folder.",
                                 valueName: "RUN_FILE"))
    var files: [String] = []

    @Option(name: .long, help: ArgumentHelp("Drawing characters: auto (from the locale), unicode or ascii.",
                                            valueName: "auto|unicode|ascii"))
    var glyphs = "auto"

    @Flag(name: .long, help: "High contrast for projectors: bold bright colors, nothing dim, thicker lines (H toggles).")
    var highContrast = false

    @Flag(name: .long, help: "Train every variant now (on the real data) and play the lesson over the new runs.")
    var fresh = false

    @Option(help: "With --fresh: epochs per phase (overrides the experiment file).")
    var epochs: Int?

    @Option(help: "With --fresh: train on a balanced subset of N training images (and N/5 test images).")
    var subset: Int?

    @Option(help: "With --fresh: runs at once (default: the number of cores).")
    var jobs: Int?

    func validate() throws {
        if fresh, !files.isEmpty { throw ValidationError("--fresh trains new runs: leave out the run files") }
        if !fresh, epochs != nil || subset != nil || jobs != nil {
            throw ValidationError("--epochs, --subset and --jobs go with --fresh")
        }
        if let epochs, epochs < 1 { throw ValidationError("--epochs must be at least 1") }
        if let subset, subset < 10 { throw ValidationError("--subset must be at least 10 (one image per class)") }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        guard GlyphChoice(rawValue: glyphs) != nil else {
            throw ValidationError("--glyphs must be auto, unicode or ascii, got '\(glyphs)'")
        }
    }

    func run() throws {
        let catalog = try folders.catalog()
        guard let spec = catalog.experiment(id: experiment) else {
            printError("bnlab: no experiment '\(experiment)' in \(folders.experimentsFolder.path); `bnlab list` shows them")
            throw ExitCode(2)
        }
        guard let steps = spec.lesson, !steps.isEmpty else {
            let withLessons = catalog.experiments.filter { $0.lesson != nil }.map(\.id)
            printError("bnlab: \(experiment) has no lesson; lessons ship with: \(withLessons.joined(separator: ", "))")
            throw ExitCode(2)
        }
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            printError("bnlab: lesson needs a terminal (stdin and stdout are not both TTYs).")
            throw ExitCode(2)
        }
        do {
            try CursesTerminal.checkCursorAddressing()
        } catch {
            FileHandle.standardError.write(Data("bnlab: \(error)\n".utf8))
            throw ExitCode(2)
        }
        let urls: [URL]
        if fresh {
            urls = try train(spec)
        } else {
            urls = files.isEmpty ? newestRuns(of: spec) : files.map { RunFileLocator.locate($0, in: folders.runsFolder) }
        }
        guard !urls.isEmpty else {
            printError("""
                bnlab: no saved run of \(experiment) in \(folders.runsFolder.path).
                Train its variants first: `bnlab lesson \(experiment) --fresh` (add --epochs 1 --subset 2000 for a \
                quick one), `bnlab run \(experiment)`, or Enter in the workbench; or name a run file.
                """)
            throw ExitCode(2)
        }
        var runs: [RunFile] = []
        var failures: [String] = []
        for url in urls {
            do {
                runs.append(try RunReader.read(contentsOf: url))
            } catch {
                failures.append("\(error)")
            }
        }
        let experiments = LabBackend.experimentInfos(catalog: catalog, classNames: runs.first?.header.classNames ?? [])
        let terminal: CursesTerminal
        do {
            terminal = try CursesTerminal(glyphs: GlyphChoice(rawValue: glyphs) ?? .auto)
        } catch {
            printError("bnlab: \(error)")
            throw ExitCode(2)
        }
        let app = WorkbenchApp(terminal: terminal, backend: ReplayBackend(experiments: experiments),
                               options: WorkbenchOptions(backendLabel: "lesson: \(experiment)",
                                                         runsFolder: folders.runsFolder, highContrast: highContrast))
        app.send(.replayOpened(files: runs, failures: failures))
        app.send(.lessonStarted(experimentID: experiment, steps: steps))
        let exit = app.run()
        terminal.restore()
        if case .interrupted(let sig) = exit { throw ExitCode(128 + sig) }
    }

    /// Trains every variant of `spec` on the real backend, printing progress on stderr, and returns
    /// the new run files (those of runs that failed are left out; Ctrl-C cancels and exits).
    private func train(_ spec: ExperimentSpec) throws -> [URL] {
        BLAS.setThreads(1)
        let queue = RunQueue(maxConcurrentRuns: jobs ?? ProcessInfo.processInfo.activeProcessorCount)
        let launcher = RunLauncher(queue: queue, dataFolder: folders.dataFolder, runsFolder: folders.runsFolder)
        let ids: [RunID]
        do {
            ids = try launcher.launch(spec, variant: nil, overrides: RunOverrides(epochs: epochs, subset: subset))
        } catch {
            printError("bnlab lesson: \(error)")
            throw ExitCode(2)
        }
        StandardStreams.writeError("bnlab: training \(spec.id) for its lesson…\n")
        let interrupt = Interrupt { queue.cancelAll() }
        ProgressPrinter(queue: queue, ids: ids).waitAndPrint()
        withExtendedLifetime(interrupt) {}
        if interrupt.fired { throw ExitCode(130) }
        let statuses = ids.compactMap(queue.status(of:))
        for status in statuses { if let error = status.lastError { printError("\(status.name): \(error)") } }
        return statuses.filter { $0.state != .failed }.compactMap(\.runFile)
    }

    /// The newest saved run of each variant of `spec`, in the experiment's variant order.
    private func newestRuns(of spec: ExperimentSpec) -> [URL] {
        let summaries = RunReader.summaries(in: folders.runsFolder).runs.filter { $0.experiment == spec.id }
        var order = spec.variants.map(\.name)
        for s in summaries where !order.contains(s.variant) { order.append(s.variant) }
        // Summaries are newest first: the first of each variant is its newest.
        return order.compactMap { variant in summaries.first { $0.variant == variant }?.url }
    }
}
