import ArgumentParser
import BNCore
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
            names and shows its text, with each of the step's expectations (claims checked on the \
            runs) marked holds or FAILS. When the step asks a question, predict the answer, then \
            press a to reveal it; N continues to the next step, p goes back one, r restarts, q \
            quits. Runs too short for the lesson are named before it starts. Without run files, \
            the newest saved run of each variant of the experiment in the runs folder is used; \
            with --fresh, every variant is trained first (progress on stderr; as many epochs as \
            the lesson needs unless --epochs says) and the lesson plays over the new runs.

            --check prints one line per expectation (holds / FAILS with both values / skipped) \
            and exits 0 when every checked one holds, 1 when any fails, 2 on bad input; with \
            --fresh it trains the experiment's lesson_check size first (--full: all the data). \
            --record FILE.cast writes an asciinema v2 recording of the session.

            Examples:
              bnlab lesson bn-vs-no-bn
              bnlab lesson bn-vs-no-bn --fresh --subset 6000
              bnlab lesson frozen-bn runs/frozen-bn-bn-20250131-120000-a3f9c2.jsonl
              bnlab lesson bn-vs-no-bn --check --fresh
              bnlab lesson bn-vs-no-bn --record bn-vs-no-bn.cast
            """
    )

    @OptionGroup var folders: FolderOptions

    @Argument(help: "The experiment whose lesson to play, e.g. bn-vs-no-bn.")
    var experiment: String

    @Argument(help: ArgumentHelp("Run files of it: paths, or file names / run ids in the runs folder.",
                                 valueName: "RUN_FILE"))
    var files: [String] = []

    @OptionGroup var screen: ScreenOptions

    @Flag(name: .long, help: "Train every variant now (on the real data) and play the lesson over the new runs.")
    var fresh = false

    @Option(help: "With --fresh: epochs per phase (default: as many as the lesson needs).")
    var epochs: Int?

    @Option(help: "With --fresh: train on a balanced subset of N training images (and N/5 test images).")
    var subset: Int?

    @Option(help: "With --fresh: runs at once (default: the number of cores).")
    var jobs: Int?

    @Flag(name: .long, help: "Check every expectation of the lesson on the runs instead of playing it (exit 0 all hold, 1 some fail, 2 bad input).")
    var check = false

    @Flag(name: .long, help: "With --check --fresh: train on all the data for the experiment's own epochs, not its lesson_check size.")
    var full = false

    @Option(name: .long, help: ArgumentHelp("Record the session as an asciinema v2 file.", valueName: "FILE.cast"))
    var record: String?

    /// Checks the options; with `--check`, a mistake exits with status 2 like any bad input of a check.
    func validate() throws {
        do {
            try validateOptions()
        } catch let error as ValidationError where check {
            printError("bnlab lesson: \(error.message)")
            throw ExitCode(2)
        }
    }

    private func validateOptions() throws {
        if fresh, !files.isEmpty { throw ValidationError("--fresh trains new runs: leave out the run files") }
        if !fresh, epochs != nil || subset != nil || jobs != nil {
            throw ValidationError("--epochs, --subset and --jobs go with --fresh")
        }
        if full, !(check && fresh) { throw ValidationError("--full goes with --check --fresh") }
        if check, record != nil { throw ValidationError("--check prints a report: --record goes with a played lesson") }
        if let record, record.isEmpty { throw ValidationError("--record needs a file name, e.g. lesson.cast") }
        if let epochs, epochs < 1 { throw ValidationError("--epochs must be at least 1") }
        if let subset, subset < 10 { throw ValidationError("--subset must be at least 10 (one image per class)") }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
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
        if check {
            try runCheck(spec, lesson: steps)
            return
        }
        try screen.requireTerminal("lesson", headless: "`bnlab lesson \(experiment) --check` reports the lesson's checks.")
        let (runs, failures) = try loadRuns(spec)
        let experiments = LabBackend.experimentInfos(catalog: catalog, classNames: runs.first?.header.classNames ?? [])
        let recorder = try castRecorder()
        do {
            try screen.runSession(backend: ReplayBackend(experiments: experiments), label: "lesson: \(experiment)",
                                  runsFolder: folders.runsFolder, prepare: { app in
                try recorder?.start()   // a failure restores the terminal, then is reported below
                app.send(.replayOpened(files: runs, failures: failures))
                app.send(.lessonStarted(experimentID: experiment, steps: steps, freshHint: freshHint(spec)))
            }, beforeRestore: { recorder?.finish() }, afterRestore: {
                recorder?.restoreTerminalModes()
                if let record { StandardStreams.writeError("bnlab: recorded the lesson to \(record) (asciinema play \(record))\n") }
            })
        } catch let exit as ExitCode {
            throw exit
        } catch {
            printError("bnlab: cannot record the session: \(error)")
            throw ExitCode(2)
        }
    }

    /// The recorder of `--record`, its file created; nil without the option.
    private func castRecorder() throws -> CastRecorder? {
        guard let record else { return nil }
        var size = winsize()
        let fd = isatty(STDOUT_FILENO) == 1 ? STDOUT_FILENO : STDERR_FILENO
        let known = ioctl(fd, UInt(TIOCGWINSZ), &size) == 0 && size.ws_col > 0
        do {
            return try CastRecorder(url: URL(fileURLWithPath: record), width: known ? Int(size.ws_col) : 80,
                                    height: known ? Int(size.ws_row) : 24, title: "bnlab lesson \(experiment)")
        } catch {
            printError("bnlab: cannot write \(record): \(error.localizedDescription)")
            throw ExitCode(2)
        }
    }

    /// The runs the lesson plays over or checks: trained now (`--fresh`), the named files, or the
    /// newest of each variant; read, with the files that could not be read as failures. Exits 2
    /// when there is none.
    func loadRuns(_ spec: ExperimentSpec) throws -> (runs: [RunFile], failures: [String]) {
        let urls: [URL]
        if fresh {
            urls = try train(spec, overrides: freshOverrides(spec))
        } else {
            urls = files.isEmpty ? newestRuns(of: spec) : files.map { RunFileLocator.locate($0, in: folders.runsFolder) }
        }
        guard !urls.isEmpty else {
            printError("""
                bnlab: no saved run of \(experiment) in \(folders.runsFolder.path).
                Train its variants first: `bnlab lesson \(experiment) --fresh` (add --subset 6000 for a \
                quicker one), `bnlab run \(experiment)`, or Enter in the workbench; or name a run file.
                """)
            throw ExitCode(2)
        }
        let read = RunReader.readEach(urls)
        return (read.files, read.failures)
    }

    /// Trains every variant of `spec` on the real backend, printing progress on stderr, and returns
    /// the new run files (those of runs that failed are left out; Ctrl-C cancels and exits).
    private func train(_ spec: ExperimentSpec, overrides: RunOverrides) throws -> [URL] {
        BLAS.setThreads(1)
        let queue = RunQueue(maxConcurrentRuns: jobs ?? ProcessInfo.processInfo.activeProcessorCount)
        let launcher = RunLauncher(queue: queue, dataFolder: folders.dataFolder, runsFolder: folders.runsFolder)
        let ids: [RunID]
        do {
            ids = try launcher.launch(spec, variant: nil, overrides: overrides)
        } catch {
            printError("bnlab lesson: \(error)")
            throw ExitCode(2)
        }
        let size = (overrides.subset.map { "a subset of \($0) images" } ?? "all the data")
            + (overrides.epochs.map { ", \($0) epoch\($0 == 1 ? "" : "s")\(spec.phases == nil ? "" : " per phase")" } ?? "")
        StandardStreams.writeError("bnlab: training \(spec.id) for its lesson (\(size))…\n")
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
