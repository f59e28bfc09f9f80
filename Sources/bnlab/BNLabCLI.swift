import BNCore
import BNLab
import Foundation
import ArgumentParser

/// The `bnlab` command: the workbench and its headless subcommands.
@main
struct BNLabCLI: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bnlab",
        abstract: "A terminal workbench for batch-normalization experiments.",
        version: BNLabVersion.string,
        subcommands: [
            WorkbenchCommand.self,
            ListCommand.self,
            RunCommand.self,
            RunsCommand.self,
            ShowCommand.self,
            ReplayCommand.self,
            WatchCommand.self,
            LessonCommand.self,
            ExportCommand.self,
            ParityCommand.self,
            BenchCommand.self,
            DataCommand.self,
        ],
        defaultSubcommand: WorkbenchCommand.self
    )

    /// Tunes the allocator for training (see `AllocatorTuning`), then runs the command.
    static func main() {
        StandardStreams.prepare()
        AllocatorTuning.keepLargeBlocks()
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            exit(withError: error)
        }
    }
}

/// The version printed by `bnlab --version` and written into run files.
enum BNLabVersion {
    static let string = BNLabInfo.version
}
