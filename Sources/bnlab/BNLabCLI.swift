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
            LessonCommand.self,
            ExportCommand.self,
            ParityCommand.self,
            BenchCommand.self,
            DataCommand.self,
        ],
        defaultSubcommand: WorkbenchCommand.self
    )

    /// Picks the best BLAS kernels (possibly by relaunching), then runs the command.
    static func main() {
        KernelRelaunch.ifNeeded()
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
