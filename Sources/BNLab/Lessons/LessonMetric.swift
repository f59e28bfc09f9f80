/// What an expectation reads from a run: the `METRIC` of `VARIANT.METRIC@POINT` (see
/// docs/lessons.md for the vocabulary).
public enum LessonMetric: Sendable, Hashable, CustomStringConvertible {
    /// A BatchNorm statistic of one watched channel, from `bn_watch`.
    public enum BNStatistic: String, Sendable, Hashable, CaseIterable {
        case runningMean = "running_mean", runningVar = "running_var"
        case batchMean = "batch_mean", batchVar = "batch_var"
    }

    /// A class named in brackets: by its name (`Shirt`) or its index (`6`).
    public enum ClassRef: Sendable, Hashable, CustomStringConvertible {
        case index(Int)
        case name(String)

        public var description: String {
            switch self {
            case .index(let i): return "\(i)"
            case .name(let n): return n
            }
        }
    }

    /// Training loss, mean of the (up to) ``smoothingSteps`` recorded steps ending at the point.
    case loss
    /// The single recorded step's training loss (`loss_raw`).
    case lossRaw
    /// The learning rate used at the step.
    case lr
    /// A numeric field of the epoch event, by its name (`accuracy`, `test_loss`, …).
    case epochField(String)
    /// Per-class test accuracy, eval mode (`accuracy[C]`) or train mode (`train_mode_accuracy[C]`).
    case classAccuracy(ClassRef, trainMode: Bool)
    /// Mean over classes of |eval-mode − train-mode class accuracy| (`mode_gap`).
    case modeGap
    /// A watched BatchNorm channel's statistic (`running_mean[L:C]` …).
    case bn(BNStatistic, layer: String, channel: Int)
    /// A BatchNorm layer's `num_batches_tracked` after step POINT (`num_batches_tracked[L]`, from `bn_watch`).
    case batchesTracked(layer: String)
    /// The run's number of optimizer steps.
    case steps
    /// 1 when the run ended diverged, else 0.
    case diverged

    /// How many recorded steps `loss` averages.
    public static let smoothingSteps = 50

    /// The epoch event's numeric fields a reference may name. A field added to the epoch event
    /// later is read by its JSON name once listed here.
    public static let epochFields = ["accuracy", "test_loss", "train_loss", "train_mode_accuracy", "train_mode_test_loss",
                                     "probe_drift", "probe_changed", "seconds", "weight_norm", "effective_lr"]

    /// Every metric name, for messages.
    public static var names: [String] {
        ["loss", "loss_raw", "lr", "mode_gap", "steps", "diverged"] + epochFields
            + ["accuracy[CLASS]", "train_mode_accuracy[CLASS]"] + BNStatistic.allCases.map { "\($0.rawValue)[L:C]" }
            + ["num_batches_tracked[L]"]
    }

    /// Parses a metric name as written in a reference; nil when it is not one.
    public init?(parsing text: String) {
        switch text {
        case "loss": self = .loss
        case "loss_raw": self = .lossRaw
        case "lr": self = .lr
        case "mode_gap": self = .modeGap
        case "steps": self = .steps
        case "diverged": self = .diverged
        case _ where Self.epochFields.contains(text): self = .epochField(text)
        default:
            guard let open = text.firstIndex(of: "["), text.hasSuffix("]") else { return nil }
            let name = String(text[..<open])
            let inner = String(text[text.index(after: open)..<text.index(before: text.endIndex)])
            guard !inner.isEmpty else { return nil }
            if name == "accuracy" || name == "train_mode_accuracy" {
                let ref: ClassRef
                if let index = Int(inner) {
                    guard index >= 0 else { return nil }
                    ref = .index(index)
                } else {
                    ref = .name(inner)
                }
                self = .classAccuracy(ref, trainMode: name == "train_mode_accuracy")
            } else if name == "num_batches_tracked" {
                guard !inner.contains(":") else { return nil }
                self = .batchesTracked(layer: inner)
            } else if let statistic = BNStatistic(rawValue: name) {
                let parts = inner.split(separator: ":", omittingEmptySubsequences: false)
                guard parts.count == 2, !parts[0].isEmpty, let channel = Int(parts[1]), channel >= 0 else { return nil }
                self = .bn(statistic, layer: String(parts[0]), channel: channel)
            } else {
                return nil
            }
        }
    }

    /// As written in a reference.
    public var description: String {
        switch self {
        case .loss: return "loss"
        case .lossRaw: return "loss_raw"
        case .lr: return "lr"
        case .epochField(let name): return name
        case .classAccuracy(let c, let trainMode): return (trainMode ? "train_mode_accuracy" : "accuracy") + "[\(c)]"
        case .modeGap: return "mode_gap"
        case .bn(let s, let layer, let channel): return "\(s.rawValue)[\(layer):\(channel)]"
        case .batchesTracked(let layer): return "num_batches_tracked[\(layer)]"
        case .steps: return "steps"
        case .diverged: return "diverged"
        }
    }
}
