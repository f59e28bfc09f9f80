import Testing
@testable import BNTUI

/// One golden screen: which fixture runs are opened, how (replay, lesson, runs browser), and the
/// keys pressed before the screen is captured.
struct ScreenCase: Sendable, CustomTestStringConvertible {
    /// The file name stem: `NAME-WxH-MODE.txt`.
    var name: String
    /// What the screen shows, written into its golden file.
    var summary: String
    /// Run files opened as `bnlab replay` opens them, relative to the `screen-runs` folder; none:
    /// the live workbench with no runs, as `bnlab` opens.
    var runs: [String]
    /// Keys pressed, in order, after the runs are open.
    var keys: [Key] = []
    /// An experiment whose lesson starts over the runs, as `bnlab lesson EXP RUN…` does; the replay
    /// is played to the first step's pause point.
    var lesson: String?
    /// The runs folder `R` lists, relative to the `screen-runs` folder (nil: the first run's folder).
    var runsFolder: String?

    /// The name in test output.
    var testDescription: String { name }

    /// The keys as the help writes them, for the golden file's heading.
    var keyLabels: String {
        keys.isEmpty ? "none" : keys.map { $0.label(unicode: false) }.joined(separator: " ")
    }
}
