import ArgumentParser
import BNCharts
import BNData
import BNLab
import BNReports
import Foundation

/// `bnlab show RUN…`: a plain-text report of saved runs.
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Print a text report of saved runs (coloured on a terminal): loss chart, per-class accuracy, running statistics.",
        discussion: """
        Works without a terminal (for handouts and logs); in colour on a terminal (see --color). Several runs share one loss chart and \
        one accuracy table. RUN is a run file, or a file name or run id in the runs folder.
        """
    )

    @Argument(help: "Run files (or run ids in the runs folder).")
    var runFiles: [String]

    @Flag(help: "ASCII only (default: braille and box drawing when the locale is UTF-8).")
    var ascii = false

    @Option(help: "Chart width in characters.")
    var width = 78

    @Option(help: ArgumentHelp("Colour: auto (on a terminal, unless NO_COLOR is set or TERM=dumb), always or never.",
                               valueName: "when"))
    var color: ColorChoice = .auto

    @OptionGroup var folders: FolderOptions

    func run() throws {
        guard !runFiles.isEmpty else { throw ValidationError("name at least one run") }
        let reader = RunFileArguments(folders: folders)
        // a report needs no bn_watch events and only the last snapshot of each layer
        let files = try runFiles.map { try reader.read($0) { url in try RunReader.readForReport(contentsOf: url) } }
        let unicode = !ascii && TerminalImageStyle.localeIsUTF8(environment: ProcessInfo.processInfo.environment)
        let environment = ProcessInfo.processInfo.environment
        let colored = color.isOn(isTerminal: isatty(STDOUT_FILENO) == 1, environment: environment)
        print(RunReport(runs: files, unicode: unicode, width: width, color: colored).render())
    }
}
