@testable import BNTUI

/// Every golden screen: each panel, on the fixture runs that show what it is for.
enum ScreenCatalog {
    private static let bnVsNoBN = ["bn-vs-no-bn/bn-vs-no-bn-bn.jsonl", "bn-vs-no-bn/bn-vs-no-bn-no-bn.jsonl"]
    private static let momentum = ["cumulative", "momentum-0.01", "momentum-0.1", "momentum-0.5"]
        .map { "bn-momentum/bn-momentum-\($0).jsonl" }
    private static let learningRate = ["bn-lr0.01", "bn-lr0.1", "bn-lr1.0", "no-bn-lr0.01", "no-bn-lr0.1", "no-bn-lr1.0"]
        .map { "learning-rate/learning-rate-\($0).jsonl" }
    private static let accumulation = ["batch-64", "micro-16x4"].map { "grad-accumulation/grad-accumulation-\($0).jsonl" }
    private static let seeds = [1, 2, 3].map { "seeds/bn-vs-no-bn-no-bn-seed\($0).jsonl" }

    private static let end = Key.character("$")

    /// The keys typing `text`.
    private static func type(_ text: String) -> [Key] { text.map { Key.character($0) } }

    /// The screens, each drawn at every ``ScreenSize`` in every ``ScreenMode``.
    static let all: [ScreenCase] = [
        ScreenCase(name: "loss", summary: "loss chart `1`, bn vs no-bn at the end of the replay",
                   runs: bnVsNoBN, keys: [end, .character("1")]),
        ScreenCase(name: "loss-cursor", summary: "loss chart mid-replay: the cursor at the end of epoch 1 (`F`)",
                   runs: bnVsNoBN, keys: [.character("F")]),
        ScreenCase(name: "loss-diverged", summary: "loss chart of learning-rate: no-bn-lr1.0 diverges",
                   runs: learningRate, keys: [end, .character("1")]),
        ScreenCase(name: "loss-seeds", summary: "loss chart of three seeds of no-bn: mean line and min-max band",
                   runs: seeds, keys: [end, .character("1")]),
        ScreenCase(name: "accuracy", summary: "accuracy chart `2`, bn vs no-bn at the end",
                   runs: bnVsNoBN, keys: [end, .character("2")]),
        ScreenCase(name: "bn-stats", summary: "BN statistics `3` of the bn run at the end",
                   runs: bnVsNoBN, keys: [end, .character("3")]),
        ScreenCase(name: "bn-momentum", summary: "BN statistics `3`, one channel across the four momenta `o` at the end",
                   runs: momentum, keys: [end, .character("3"), .character("o")]),
        ScreenCase(name: "bn-accumulation", summary: "BN statistics `3`, one channel of batch-64 vs micro-16x4 `o` at the end",
                   runs: accumulation, keys: [end, .character("3"), .character("o")]),
        ScreenCase(name: "notes", summary: "the experiment's notes `n` beside the loss chart",
                   runs: bnVsNoBN, keys: [end, .character("n")]),
        ScreenCase(name: "help", summary: "the help overlay `?` over a replay",
                   runs: bnVsNoBN, keys: [.character("?")]),
        ScreenCase(name: "config-diff", summary: "the config diff `D` of bn-lr0.1 and no-bn-lr1.0",
                   runs: [learningRate[1], learningRate[5]], keys: [.character("D")]),
        ScreenCase(name: "runs-browser", summary: "the runs browser `R` over the learning-rate runs, one marked",
                   runs: [learningRate[0]], keys: [.character("R"), .character("j"), .character("m")]),
        ScreenCase(name: "lesson", summary: "bn-vs-no-bn's lesson paused at its first step, the question asked",
                   runs: bnVsNoBN, lesson: "bn-vs-no-bn"),
        ScreenCase(name: "lesson-answer", summary: "bn-vs-no-bn's lesson, second step, its answer revealed (`N`, `a`)",
                   runs: bnVsNoBN, keys: [.character("N"), .character("a")], lesson: "bn-vs-no-bn"),
        ScreenCase(name: "playground", summary: "the playground `e` on bn-vs-no-bn/bn, lr typed as 0.1, BatchNorm after the ReLU",
                   runs: [], keys: [.character("j"), .character("e"), .down] + type("0.1")
                       + [.down, .down, .down, .down, .down, .character(" ")]),
        ScreenCase(name: "playground-error", summary: "the playground with a batch size the loader refuses: the error, the value marked !",
                   runs: [], keys: [.character("j"), .character("e")] + type("0")),
    ]
}
