/// The one key-binding table: ``WorkbenchUpdate`` dispatches through it, and the footer and the help
/// overlay are rendered from it, so they cannot drift apart.
public enum KeyBindings {
    /// Every binding, in help order (the footer keeps this order too).
    public static let all: [KeyBinding] = [
        KeyBinding([.character("k"), .up], .moveUp, "previous item", group: .navigation),
        KeyBinding([.character("j"), .down], .moveDown, "next item", hint: "move", group: .navigation),
        KeyBinding([.character("g"), .home], .moveFirst, "first item", group: .navigation),
        KeyBinding([.character("G"), .end], .moveLast, "last item", group: .navigation),
        KeyBinding([.character("h"), .left], .focusExperiments, "focus experiments", group: .navigation),
        KeyBinding([.character("l"), .right], .focusRuns, "focus runs", group: .navigation),
        KeyBinding([.tab, .backTab], .switchPanel, "switch panel", hint: "panel",
                   group: .navigation),

        KeyBinding([.enter], .run, "run: all variants or one", hint: "run", group: .runs),
        KeyBinding([.character("x")], .cancelRun, "cancel selected run", hint: "cancel", group: .runs),
        KeyBinding([.character("p"), .character(" ")], .togglePause, "pause or resume run/replay",
                   hint: "pause", group: .runs),
        KeyBinding([.character("e")], .playground, "playground: a variant's knobs", hint: "edit", group: .runs),

        KeyBinding([.character("1")], .showLoss, "loss chart", group: .charts),
        KeyBinding([.character("2")], .showAccuracy, "per-class accuracy", group: .charts),
        KeyBinding([.character("3")], .showRunningStats, "BN running statistics", group: .charts),
        KeyBinding([.character("c")], .nextChart, "next chart", hint: "chart", group: .charts),
        KeyBinding([.character("n")], .toggleNotes, "notes on/off", hint: "notes",
                   group: .charts),
        KeyBinding([.character("J"), .pageDown], .notesDown, "scroll notes (lesson: its text) down", group: .charts),
        KeyBinding([.character("K"), .pageUp], .notesUp, "scroll notes (lesson: its text) up", group: .charts),
        KeyBinding([.character("s")], .toggleSmoothing, "smoothing on/off", hint: "smooth", group: .charts),
        KeyBinding([.character("+"), .character("=")], .smoothMore, "smooth more", group: .charts),
        KeyBinding([.character("-"), .character("_")], .smoothLess, "smooth less", group: .charts),
        KeyBinding([.character("L")], .toggleLogScale, "log loss axis on/off", hint: "log",
                   group: .charts),
        KeyBinding([.character("X")], .cycleLossXAxis, "loss x axis: step, epoch, wall time", group: .charts),

        KeyBinding([.character("["), .character("{")], .previousLayer, "previous BN layer", group: .batchNorm),
        KeyBinding([.character("]"), .character("}")], .nextLayer, "next BN layer", hint: "layer",
                   group: .batchNorm),
        KeyBinding([.character(",")], .previousChannel, "previous channel (accuracy: class)", group: .batchNorm),
        KeyBinding([.character(".")], .nextChannel, "next channel (accuracy: class)", hint: "channel",
                   group: .batchNorm),
        KeyBinding([.character("<")], .previousWatchedChannel, "previous watched channel", group: .batchNorm),
        KeyBinding([.character(">")], .nextWatchedChannel, "next watched channel", group: .batchNorm),
        KeyBinding([.character("v")], .toggleStatistic, "running mean/variance", group: .batchNorm),
        KeyBinding([.character("o")], .toggleBNOverlay, "one channel across runs on/off", group: .batchNorm),
        KeyBinding([.character("O")], .cycleHeatmapOrder, "heatmap channel order", group: .batchNorm),

        KeyBinding([.character("f")], .replayStepForward, "step forward", group: .replay),
        KeyBinding([.character("b")], .replayStepBack, "step back", group: .replay),
        KeyBinding([.character("F")], .replayEpochForward, "to next epoch end", group: .replay),
        KeyBinding([.character("B")], .replayEpochBack, "to previous epoch end", group: .replay),
        KeyBinding([.character("*")], .replayFaster, "play faster", group: .replay),
        KeyBinding([.character("/")], .replaySlower, "play slower", group: .replay),
        KeyBinding([.character("0")], .replayStart, "jump to start", group: .replay),
        KeyBinding([.character("$")], .replayEnd, "jump to end", group: .replay),
        KeyBinding([.character("D")], .configDiff, "config diff of compared runs", group: .replay),
        KeyBinding([.character("R")], .toggleRunsBrowser, "saved runs browser", hint: "saved", group: .replay),
        KeyBinding([.character("m")], .markRun, "mark run to compare", group: .replay),
        KeyBinding([.character("W")], .backToLive, "back to live runs", group: .replay),
        KeyBinding([.character("a")], .revealAnswer, "lesson: show answer", group: .lesson),
        KeyBinding([.character("N")], .nextLessonStep, "lesson: next step", group: .lesson),
        KeyBinding([.character("p")], .previousLessonStep, "lesson: previous step (else pause)", group: .lesson),
        KeyBinding([.character("r")], .restartLesson, "lesson: restart", group: .lesson),

        KeyBinding([.character("H")], .toggleHighContrast, "high contrast on/off", group: .general),
        KeyBinding([.character("?"), .function(1)], .help, "this help", hint: "help", group: .general),
        KeyBinding([.escape], .close, "close help or dialog", group: .general),
        KeyBinding([.character("q"), .control("c")], .quit, "quit (asks if runs active)", hint: "quit",
                   group: .general),
    ]

    /// The action bound to `key`, if any.
    public static func action(for key: Key) -> KeyAction? {
        lookup[key]
    }

    /// The action bound to `key` in a lesson or not: during a lesson `p` goes to the previous
    /// step instead of pausing (Space still pauses).
    public static func action(for key: Key, inLesson: Bool) -> KeyAction? {
        if inLesson, let action = lessonOverrides[key] { return action }
        return lookup[key]
    }

    /// Keys that mean something else during a lesson (the one exception to one key, one action).
    public static let lessonOverrides: [Key: KeyAction] = [.character("p"): .previousLessonStep]

    /// The binding of `action` (every action has exactly one).
    public static func binding(for action: KeyAction) -> KeyBinding? {
        all.first { $0.action == action }
    }

    private static let lookup: [Key: KeyAction] = {
        var table: [Key: KeyAction] = [:]
        for binding in all {
            for key in binding.keys where table[key] == nil { table[key] = binding.action }
        }
        return table
    }()
}
