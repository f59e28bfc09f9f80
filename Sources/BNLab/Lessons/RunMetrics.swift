import Foundation

/// The numbers of one run file that lesson expectations read, indexed once: its steps, its epoch
/// events with the step each ended at, and its `bn_watch` events.
public struct RunMetrics: Sendable {
    /// Why a metric could not be read from the run.
    public struct Missing: Error, Sendable, Equatable, CustomStringConvertible {
        /// What is missing, e.g. `the run ends at step 94`.
        public var description: String
        /// True when the run is too short for the point (a longer run would have it).
        public var isTooShort: Bool
    }

    /// The run.
    public let run: RunFile
    /// The recorded steps, in order.
    let steps: [StepEvent]
    /// The epoch events, each with the last step taken before it.
    let epochs: [(event: EpochEvent, endStep: Int)]
    /// The `bn_watch` events, in order.
    let watches: [BNWatch]

    /// Indexes `run`.
    public init(_ run: RunFile) {
        self.run = run
        var steps: [StepEvent] = [], epochs: [(EpochEvent, Int)] = [], watches: [BNWatch] = []
        for event in run.events {
            switch event {
            case .step(let s): steps.append(s)
            case .epoch(let e): epochs.append((e, steps.last?.step ?? 0))
            case .bnWatch(let w): watches.append(w)
            default: break
            }
        }
        self.steps = steps
        self.epochs = epochs
        self.watches = watches
    }

    /// The run's last optimizer step (0 before the first).
    public var lastStep: Int { max(steps.last?.step ?? 0, run.end?.step ?? 0) }

    /// How many epochs ended.
    public var epochCount: Int { epochs.count }

    /// Whether the run trained on the whole data set (no subset); false when its configuration is unknown.
    public var isFullData: Bool { isFullData(shipped: nil) }

    /// Whether the run trained on the experiment's own data: no subset, or exactly `shipped`, the
    /// subset the experiment itself names (small-batch ships with one); false when its
    /// configuration is unknown.
    public func isFullData(shipped: SubsetSpec?) -> Bool {
        guard let config = run.header.config else { return false }
        guard let subset = config.dataset.subset else { return true }
        return (subset.train == nil && subset.test == nil) || subset == shipped
    }

    /// Whether the run ended diverged (a non-finite or exploding loss): it stops early by design,
    /// so later pause points are not asked of it.
    public var diverged: Bool { run.end?.status == .diverged }

    /// The step `point` stands for in this run, or why it has none.
    public func step(at point: MetricPoint) -> Result<Int, Missing> {
        switch point {
        case .step(let n):
            return n <= lastStep ? .success(n) : .failure(tooShort("the run ends at step \(lastStep)"))
        case .epoch(let e):
            guard let end = epochs.first(where: { $0.event.epoch == e }) else {
                return .failure(tooShort("the run has \(epochs.count) epoch\(epochs.count == 1 ? "" : "s")"))
            }
            return .success(end.endStep)
        case .end:
            return lastStep > 0 ? .success(lastStep) : .failure(tooShort("the run has no steps"))
        }
    }

    /// The value of `metric` at `point`, or why it cannot be read.
    public func value(_ metric: LessonMetric, at point: MetricPoint) -> Result<Double, Missing> {
        switch metric {
        case .steps: return .success(Double(lastStep))
        case .diverged: return .success(run.end?.status == .diverged ? 1 : 0)
        case .loss, .lossRaw, .lr: return stepValue(metric, at: point)
        case .bn(let statistic, let layer, let channel): return watchValue(statistic, layer: layer, channel: channel, at: point)
        case .batchesTracked(let layer): return trackedValue(layer: layer, at: point)
        case .epochField, .classAccuracy, .modeGap:
            return epoch(at: point).flatMap { epochValue(metric, of: $0) }
        }
    }

    /// The epoch event `point` reads: that epoch's, the last one before a step, or the last one.
    func epoch(at point: MetricPoint) -> Result<EpochEvent, Missing> {
        switch point {
        case .epoch(let e):
            if let found = epochs.first(where: { $0.event.epoch == e }) { return .success(found.event) }
            return .failure(tooShort("the run has \(epochs.count) epoch\(epochs.count == 1 ? "" : "s")"))
        case .step(let n):
            guard n <= lastStep else { return .failure(tooShort("the run ends at step \(lastStep)")) }
            guard let found = epochs.last(where: { $0.endStep <= n }) else {
                return .failure(Missing(description: "no epoch ended by step \(n)", isTooShort: false))
            }
            return .success(found.event)
        case .end:
            guard let last = epochs.last else { return .failure(tooShort("no epoch ended")) }
            return .success(last.event)
        }
    }

    /// `loss` (mean of the last ``LessonMetric/smoothingSteps`` recorded steps up to the point),
    /// `loss_raw` and `lr` (the step's own).
    private func stepValue(_ metric: LessonMetric, at point: MetricPoint) -> Result<Double, Missing> {
        step(at: point).flatMap { target in
            let upTo = steps.prefix { $0.step <= target }
            guard let last = upTo.last else { return .failure(Missing(description: "no step recorded by step \(target)", isTooShort: false)) }
            switch metric {
            case .loss:
                // loss = (1/k) Σ loss_i over the last k ≤ 50 recorded steps ending at the point.
                let window = upTo.suffix(LessonMetric.smoothingSteps)
                return .success(window.reduce(0) { $0 + $1.loss } / Double(window.count))
            case .lr: return .success(last.lr)
            default:
                guard last.step == target else {
                    return .failure(Missing(description: "step \(target) was not recorded (loss_every)", isTooShort: false))
                }
                return .success(last.loss)
            }
        }
    }

    /// A number of the epoch event: a field by name, a class's accuracy, or the mode gap.
    private func epochValue(_ metric: LessonMetric, of e: EpochEvent) -> Result<Double, Missing> {
        let trainMode = e.trainMode(batchSize: run.header.config?.evalBatchSize ?? -1) ?? e.trainMode?.first
        func noTrainMode() -> Result<Double, Missing> {
            .failure(Missing(description: "epoch \(e.epoch) has no train-mode evaluation (train_mode_eval)", isTooShort: false))
        }
        switch metric {
        case .epochField("train_mode_accuracy"):
            return trainMode.map { .success($0.accuracy) } ?? noTrainMode()
        case .epochField("train_mode_test_loss"):
            return trainMode.map { .success($0.testLoss) } ?? noTrainMode()
        case .epochField(let name):
            guard let value = Self.numericFields(of: e)[name] else {
                return .failure(Missing(description: "epoch \(e.epoch) has no '\(name)'", isTooShort: false))
            }
            return .success(value)
        case .classAccuracy(let ref, let isTrainMode):
            guard let index = classIndex(ref) else {
                return .failure(Missing(description: "no class '\(ref)' (classes: \(run.classLabels.joined(separator: ", ")))",
                                        isTooShort: false))
            }
            let perClass = isTrainMode ? trainMode?.classAccuracy : e.classAccuracy
            guard let perClass else { return noTrainMode() }
            guard perClass.indices.contains(index) else {
                return .failure(Missing(description: "epoch \(e.epoch) reports \(perClass.count) classes", isTooShort: false))
            }
            return .success(perClass[index])
        case .modeGap:
            guard let train = trainMode?.classAccuracy else { return noTrainMode() }
            // mode_gap = (1/K) Σ_k |eval_k − train_k| over the K classes.
            let gaps = zip(e.classAccuracy, train).map { abs($0 - $1) }
            guard !gaps.isEmpty else { return .failure(Missing(description: "epoch \(e.epoch) has no classes", isTooShort: false)) }
            return .success(gaps.reduce(0, +) / Double(gaps.count))
        default:
            return .failure(Missing(description: "\(metric) is not an epoch metric", isTooShort: false))
        }
    }

    /// The index of a class named by name or index, if the run has it.
    private func classIndex(_ ref: LessonMetric.ClassRef) -> Int? {
        let labels = run.classLabels
        switch ref {
        case .index(let i): return labels.isEmpty || labels.indices.contains(i) ? i : nil
        case .name(let name): return labels.firstIndex(of: name) ?? labels.firstIndex { $0.lowercased() == name.lowercased() }
        }
    }

    /// A watched channel's statistic at the point's step (the step's last forward).
    private func watchValue(_ statistic: LessonMetric.BNStatistic, layer: String, channel: Int,
                            at point: MetricPoint) -> Result<Double, Missing> {
        step(at: point).flatMap { target in
            let ofLayer = watches.filter { $0.layer == layer }
            guard let first = ofLayer.first else {
                let layers = Set(watches.map(\.layer)).sorted()
                return .failure(Missing(description: "no bn_watch of layer \(layer)"
                                        + (layers.isEmpty ? " (none recorded)" : " (watched layers: \(layers.joined(separator: ", ")))"),
                                        isTooShort: false))
            }
            guard let slot = first.channels.firstIndex(of: channel) else {
                return .failure(Missing(description: "channel \(channel) of layer \(layer) is not watched (watched: "
                                        + first.channels.map(String.init).joined(separator: ", ") + ")", isTooShort: false))
            }
            guard let watch = ofLayer.last(where: { $0.step == target }) else {
                return .failure(Missing(description: "no bn_watch of layer \(layer) at step \(target)", isTooShort: false))
            }
            let values: [Float]?
            switch statistic {
            case .runningMean: values = watch.runningMean
            case .runningVar: values = watch.runningVar
            case .batchMean: values = watch.batchMean
            case .batchVar: values = watch.batchVar
            }
            guard let values, values.indices.contains(slot) else {
                return .failure(Missing(description: "layer \(layer) has no \(statistic.rawValue) at step \(target)", isTooShort: false))
            }
            return .success(Double(values[slot]))
        }
    }

    /// A layer's `num_batches_tracked` after the point's step (its last forward).
    private func trackedValue(layer: String, at point: MetricPoint) -> Result<Double, Missing> {
        step(at: point).flatMap { target in
            guard let watch = watches.last(where: { $0.layer == layer && $0.step == target }),
                  let tracked = watch.numBatchesTracked else {
                return .failure(Missing(description: "no num_batches_tracked of layer \(layer) at step \(target) (bn_watch)",
                                        isTooShort: false))
            }
            return .success(Double(tracked))
        }
    }

    /// Every numeric field of an epoch event by its JSON name: the known ones directly, any other
    /// through its encoding, so a field the event gains later is readable without a change here.
    static func numericFields(of e: EpochEvent) -> [String: Double] {
        var out: [String: Double] = [:]
        let encoder = JSONEncoder()
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        if let data = try? encoder.encode(e), let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] {
            for (key, value) in object { if let number = value as? NSNumber { out[key] = number.doubleValue } }
        }
        out["accuracy"] = e.accuracy
        out["test_loss"] = e.testLoss
        out["train_loss"] = e.trainLoss
        out["probe_drift"] = e.probeDrift
        out["probe_changed"] = e.probeChanged.map(Double.init)
        out["seconds"] = e.seconds
        return out
    }

    private func tooShort(_ text: String) -> Missing { Missing(description: text, isTooShort: true) }
}
