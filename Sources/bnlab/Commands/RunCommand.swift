import ArgumentParser
import BNCharts
import BNCore
import BNLab
import Dispatch
import Foundation

/// `bnlab run EXP`: trains an experiment's variants headless, on the background queue.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run an experiment headless: every variant (or one), progress on stderr, a summary at the end.",
        discussion: """
        Each variant is a run on the background queue (up to --jobs at once, one thread each) and \
        writes a run file to the runs folder. Ctrl-C cancels the runs; their files stay complete up \
        to that point. A run whose loss becomes NaN or infinite ends as diverged, naming the step.

        Checkpoints (docs/checkpoints.md) are saved beside each run file at the end, on Ctrl-C \
        and every `record.checkpoint_every` epochs. --init starts from a safetensors file (e.g. one \
        saved from PyTorch); --resume continues a cancelled run from its last checkpoint, in the \
        same run file, with exactly the losses it would have had.

        Examples:
          bnlab run bn-vs-no-bn --epochs 1
          bnlab run frozen-bn --variant bn-eval --subset 2000
          bnlab run frozen-bn --init pretrained.safetensors
          bnlab run --resume runs/bn-vs-no-bn-bn-20250131-120000-a3f9c2.jsonl
        """
    )

    @Argument(help: "The experiment id (see `bnlab list`); not with --resume.")
    var experiment: String?

    @Option(help: "Start from these weights (a safetensors state dict with PyTorch's keys); every variant whose model they fit runs.")
    var `init`: String?

    @Option(help: "Continue this interrupted run file (or run id) from its last checkpoint.")
    var resume: String?

    @Option(help: .hidden)
    var writeBatchOrder: String?

    @Option(help: .hidden)
    var batches: Int = 20

    @Option(help: "Run only this variant.")
    var variant: String?

    @Option(help: "Epochs per phase (overrides the experiment file).")
    var epochs: Int?

    @Option(help: "Train on a balanced subset of N training images (and N/5 test images, at least 100).")
    var subset: Int?

    @Option(help: "The random seed (overrides the experiment file).")
    var seed: UInt64?

    @Option(help: "Runs at once (default: the number of cores).")
    var jobs: Int?

    @OptionGroup var folders: FolderOptions

    func validate() throws {
        if let epochs, epochs < 1 { throw ValidationError("--epochs must be at least 1") }
        if let subset, subset < 10 { throw ValidationError("--subset must be at least 10 (one image per class)") }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if resume != nil && (experiment != nil || `init` != nil || epochs != nil || subset != nil || seed != nil || variant != nil) {
            throw ValidationError("--resume takes no experiment and no other run settings: the run file has them")
        }
        if resume == nil && experiment == nil { throw ValidationError("give an experiment id, or --resume RUN_FILE") }
    }

    func run() throws {
        BLAS.setThreads(1)
        let queue = RunQueue(maxConcurrentRuns: jobs ?? ProcessInfo.processInfo.activeProcessorCount)
        let launcher = RunLauncher(queue: queue, dataFolder: folders.dataFolder, runsFolder: folders.runsFolder)
        let ids: [RunID]
        if let resume {
            do {
                let url = RunFileLocator.locate(resume, in: folders.runsFolder)
                ids = [try launcher.resume(url)]
            } catch {
                printError("bnlab run: \(error)")
                throw ExitCode(2)
            }
        } else {
            ids = try launchExperiment(launcher)
        }
        let interrupt = Interrupt { queue.cancelAll() }
        ProgressPrinter(queue: queue, ids: ids).waitAndPrint()
        withExtendedLifetime(interrupt) {}
        let statuses = ids.compactMap(queue.status(of:))
        printSummary(statuses)
        if statuses.contains(where: { $0.state == .failed }) { throw ExitCode(1) }
        if let signal = interrupt.caughtSignal { throw ExitCode(128 + signal) }   // shell convention: SIGINT 130, SIGTERM 143
    }

    /// Queues the experiment's runs (from `--init` weights when given) and returns their ids.
    private func launchExperiment(_ launcher: RunLauncher) throws -> [RunID] {
        let experiment = experiment ?? ""
        let catalog = try folders.catalog()
        guard let spec = catalog.experiment(id: experiment) else {
            if let bad = catalog.invalid.first(where: { $0.file.hasSuffix("\(experiment).yaml") }) {
                printError("bnlab run: \(bad.error)")
            } else {
                printError("bnlab run: no experiment '\(experiment)'; `bnlab list` shows the catalog")
            }
            throw ExitCode(2)
        }
        let plans: [RunPlan]
        do {
            plans = try launcher.plans(for: spec, variant: variant, overrides: RunOverrides(epochs: epochs, subset: subset, seed: seed))
        } catch {
            printError("bnlab run: \(error)")
            throw ExitCode(2)
        }
        if let writeBatchOrder {
            try BatchOrderDump.write(plans[0], dataFolder: launcher.datasetFolder(plans[0]), batches: batches,
                                     to: URL(fileURLWithPath: writeBatchOrder))
            throw ExitCode.success
        }
        guard let initPath = `init` else { return plans.map { launcher.launch($0) } }
        let initial: InitialWeights
        do { initial = try InitialWeights.load(initPath, for: plans) } catch {
            printError("bnlab run: --init \(error)")
            throw ExitCode(2)
        }
        for (name, error) in initial.skipped { printError("bnlab run: skipping variant \(name): \(error)") }
        return initial.plans.map { launcher.launch($0, initialWeights: initial.state, initNote: initial.note) }
    }

    private func printSummary(_ statuses: [RunStatus]) {
        var rows = [["variant", "status", "data", "epochs", "train loss", "test acc (eval)", "test acc (train mode)", "run file"]]
        for status in statuses {
            let summary = status.runFile.flatMap { try? RunReader.read(contentsOf: $0) }?.summary
            let trainMode = summary?.trainModeAccuracy.sorted { $0.key < $1.key }
                .map { "\(NumberFormat.percent($1)) (batch \($0))" }.joined(separator: ", ") ?? ""
            let epochs = summary.map { s in "\(s.epochs)" + (s.context.map { "/\($0.epochs)" } ?? "") } ?? "–"
            rows.append([status.name.split(separator: "/").last.map(String.init) ?? status.name,
                         status.state.rawValue, summary?.context?.dataText ?? "–", epochs,
                         summary?.finalTrainLoss.map(NumberFormat.result) ?? "–",
                         summary?.finalAccuracy.map { NumberFormat.percent($0) } ?? "–",
                         trainMode.isEmpty ? "–" : trainMode,
                         status.runFile?.lastPathComponent ?? "–"])
        }
        print("")
        print(TextTable(rows: rows).render())
        for status in statuses { if let error = status.lastError { print("\(status.name): \(error)") } }
    }
}
