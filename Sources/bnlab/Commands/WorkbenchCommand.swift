import ArgumentParser
import BNCore
import BNData
import BNLab
import BNTUI
import Foundation

/// `bnlab` (no arguments) or `bnlab workbench`: the full-screen terminal workbench.
struct WorkbenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "workbench",
        abstract: "Open the terminal workbench (the default command).",
        discussion: """
            Pick an experiment, run it (Enter), keep working while it trains in the background, and \
            watch the loss curves, per-class accuracy and the BN layers' running statistics live. \
            R browses the saved runs of the runs folder (m marks several, Enter opens or compares \
            them); W goes back from a replay to the live runs, which kept training. \
            Press ? inside for every key. Needs a terminal; for headless use see `bnlab run` and \
            `bnlab show`. Colors follow the terminal and NO_COLOR; glyphs follow the locale \
            (ASCII when it is not UTF-8).
            """
    )

    @OptionGroup var folders: FolderOptions

    @Option(help: "Epochs per phase for every run started (overrides the experiment files).")
    var epochs: Int?

    @Option(help: "Train on a balanced subset of N training images (and N/5 test images, at least 100).")
    var subset: Int?

    @Option(help: "Runs at once (default: the number of cores).")
    var jobs: Int?

    @Flag(name: .long, help: "Play synthetic runs instead of training (no data needed).")
    var demo = false

    @OptionGroup var screen: ScreenOptions

    /// The real backend. The dataset is read here, before the screen is taken over, so a missing
    /// or broken data folder is a plain error message rather than a failed run inside the workbench.
    private func makeLabBackend() throws -> LabBackend {
        let catalog = try folders.catalog()
        let datasets = DatasetCache()
        let data: IDXDataset
        do {
            data = try datasets.dataset(at: folders.dataFolder)
        } catch {
            printError("bnlab: \(error.message)")
            throw ExitCode(2)
        }
        BLAS.setThreads(1)
        let queue = RunQueue(maxConcurrentRuns: jobs ?? ProcessInfo.processInfo.activeProcessorCount)
        let launcher = RunLauncher(queue: queue, dataFolder: folders.dataFolder, runsFolder: folders.runsFolder,
                                   datasets: datasets)
        return LabBackend(catalog: catalog, launcher: launcher,
                          overrides: RunOverrides(epochs: epochs, subset: subset), classNames: data.classNames,
                          experimentsFolder: folders.experimentsFolder)
    }

    func validate() throws {
        if let epochs, epochs < 1 { throw ValidationError("--epochs must be at least 1") }
        if let subset, subset < 10 { throw ValidationError("--subset must be at least 10") }
    }

    func run() throws {
        try screen.requireTerminal("the workbench", headless: "`bnlab run EXPERIMENT` trains and prints progress, `bnlab show RUN` prints a saved run.")
        let backend: WorkbenchBackend
        let label: String
        if demo {
            backend = DemoBackend()
            label = "demo: synthetic runs"
        } else {
            backend = try makeLabBackend()
            label = "data: \(folders.dataFolder.lastPathComponent)  runs: \(folders.runsFolder.path)"
        }

        try screen.runSession(backend: backend, label: label, runsFolder: folders.runsFolder)
    }
}
