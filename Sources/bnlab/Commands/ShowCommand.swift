import ArgumentParser
import BNCharts
import BNData
import BNLab
import BNReports
import BNTUI
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

    @Option(name: .long, help: ArgumentHelp("Drawing characters, as the full-screen commands take them: auto (from the locale), unicode or ascii (--ascii is the same as ascii).",
                                            valueName: "auto|unicode|ascii"))
    var glyphs = "auto"

    @Option(help: "Chart width in characters.")
    var width = 78

    @Option(help: ArgumentHelp("Colour: auto (on a terminal, unless NO_COLOR is set or TERM=dumb), always or never.",
                               valueName: "when"))
    var color: ColorChoice = .auto

    @Flag(help: "Check PyTorch's running-statistics rule at every recorded forward even in files over 32 MB (slower).")
    var ruleCheck = false

    @OptionGroup var folders: FolderOptions

    /// Files up to this size are read with their `bn_watch` events, for the rule check.
    static let watchedReadLimit = 32 << 20

    func validate() throws {
        _ = try GlyphChoice.option(glyphs)
    }

    func run() throws {
        guard !runFiles.isEmpty else { throw ValidationError("name at least one run") }
        let reader = RunFileArguments(folders: folders)
        // A report needs only the last snapshot of each layer; the bn_watch events (for the rule
        // check) are read unless the file is large, where skipping them keeps `show` fast.
        var unwatched: Set<URL> = []
        let files = try runFiles.map { name in
            try reader.read(name) { url in
                let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
                if ruleCheck || size <= Self.watchedReadLimit { return try RunReader.readForReport(contentsOf: url) }
                unwatched.insert(url)
                return try RunReader.readFirstScreen(contentsOf: url)
            }
        }
        let choice = ascii ? GlyphChoice.ascii : GlyphChoice(rawValue: glyphs) ?? .auto
        let unicode = choice == .unicode
            || (choice == .auto && TerminalImageStyle.localeIsUTF8(environment: ProcessInfo.processInfo.environment))
        let environment = ProcessInfo.processInfo.environment
        let colored = color.isOn(isTerminal: isatty(STDOUT_FILENO) == 1, environment: environment)
        var report = RunReport(runs: files, unicode: unicode, width: width, color: colored)
        report.unwatchedReads = unwatched
        print(report.render())
    }
}
