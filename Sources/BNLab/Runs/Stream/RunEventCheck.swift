/// The checks a read event must pass beyond decoding (`docs/run-format.md`, "What readers do
/// with damaged files"): counting integers lie in 0 … 2^53, and a snapshot's lists have one
/// length. An event failing them is skipped, so nothing downstream computes with such values.
enum RunEventCheck {
    /// The largest counting integer a run file may hold: 2^53, the last integer a double holds exactly.
    static let maxCount = 1 << 53

    /// What is wrong with `event`, naming the field; nil when it passes.
    static func problem(in event: RunEvent) -> String? {
        var counts: [(String, Int?)] = []
        var lists: [(String, Int?)] = []
        if case .step(let e) = event {
            counts = [("step", e.step), ("epoch", e.epoch), ("samples", e.samples)]
        } else if case .bnSnapshot(let e) = event {
            counts = [("step", e.step), ("epoch", e.epoch), ("num_batches_tracked", e.numBatchesTracked), ("count", e.count)]
            lists = [("batch_mean", e.batchMean.count), ("batch_var", e.batchVar.count), ("running_mean", e.runningMean?.count),
                     ("running_var", e.runningVar?.count), ("population_mean", e.populationMean?.count),
                     ("population_var", e.populationVar?.count)]
        } else if case .epoch(let e) = event {
            counts = [("epoch", e.epoch), ("probe_changed", e.probeChanged)]
            counts += e.classCorrect.map { ("class_correct", $0) } + e.classTotal.map { ("class_total", $0) }
        } else if case .marker(let e) = event {
            counts = [("step", e.step)]
        } else if case .end(let e) = event {
            counts = [("step", e.step), ("epoch", e.epoch)]
        } else if case .progress(let e) = event {
            counts = [("step", e.step), ("epoch", e.epoch), ("total_steps", e.totalSteps), ("total_epochs", e.totalEpochs),
                      ("samples", e.samples)]
        }
        for case let (field, value?) in counts where !(0...maxCount).contains(value) {
            return "field '\(field)': \(value) is outside 0 … 2^53"
        }
        let present = lists.compactMap { name, count in count.map { (name, $0) } }
        if let first = present.first, let other = present.first(where: { $0.1 != first.1 }) {
            return "field '\(other.0)': \(other.1) values, but '\(first.0)' has \(first.1)"
        }
        return nil
    }
}
