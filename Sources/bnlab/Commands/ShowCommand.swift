import ArgumentParser
import BNCharts
import BNData
import BNReports
import Foundation

/// `bnlab show RUN…`: a plain-text report of saved runs.
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Print a plain-text report of saved runs: loss chart, per-class accuracy, running statistics.",
        discussion: """
        Works without a terminal (for handouts and logs). Several runs share one loss chart and \
        one accuracy table. RUN is a run file, or a file name or run id in the runs folder.
        """
    )

    @Argument(help: "Run files (or run ids in the runs folder).")
    var runFiles: [String]

    @Flag(help: "ASCII only (default: braille and box drawing when the locale is UTF-8).")
    var ascii = false

    @Option(help: "Chart width in characters.")
    var width = 78

    @OptionGroup var folders: FolderOptions

    func run() throws {
        guard !runFiles.isEmpty else { throw ValidationError("name at least one run") }
        let reader = RunFileArguments(folders: folders)
        let files = try runFiles.map(reader.read)
        let unicode = !ascii && TerminalImageStyle.localeIsUTF8(environment: ProcessInfo.processInfo.environment)
        print(RunReport(runs: files, unicode: unicode, width: width).render())
    }
}
