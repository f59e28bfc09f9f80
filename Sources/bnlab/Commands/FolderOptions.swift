import ArgumentParser
import BNData
import BNLab
import Foundation

/// The folder options shared by the commands that train or read runs.
struct FolderOptions: ParsableArguments {
    @Option(help: "The dataset folder (MNIST format). Default: $BNLAB_DATA, else /usr/share/datasets/fashion-mnist.")
    var data: String?

    @Option(help: "Where run files are kept. Default: $BNLAB_RUNS, else ./runs.")
    var runs: String?

    @Option(help: "The experiment catalog. Default: $BNLAB_EXPERIMENTS, else ./experiments.")
    var experiments: String?

    var dataFolder: URL { DataFolder.resolve(option: data).url }
    var runsFolder: URL { ProjectFolders.runs(option: runs) }
    var experimentsFolder: URL { ProjectFolders.experiments(option: experiments) }

    /// The catalog, with a clear error when the folder is missing.
    func catalog() throws -> ExperimentCatalog {
        let folder = experimentsFolder
        guard FileManager.default.fileExists(atPath: folder.path) else {
            printError("bnlab: no experiment catalog at \(folder.path); run bnlab from the project folder or pass --experiments DIR")
            throw ExitCode(2)
        }
        return ExperimentCatalog.load(folder: folder)
    }
}
