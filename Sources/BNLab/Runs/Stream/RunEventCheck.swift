/// The checks a read event must pass beyond decoding (`docs/run-format.md`, "What readers do
/// with damaged files"): counting integers lie in 0 … 2^53. An event failing them is skipped, so
/// nothing downstream computes with such values. (The BN events check their own counts and list
/// lengths while decoding, with ``EventCheck``.)
enum RunEventCheck {
    /// The largest counting integer a run file may hold (``EventCheck/maxCount``).
    static let maxCount = EventCheck.maxCount

    /// What is wrong with `event`, naming the field; nil when it passes.
    static func problem(in event: RunEvent) -> String? {
        var counts: [(String, Int?)] = []
        if case .step(let e) = event {
            counts = [("step", e.step), ("epoch", e.epoch), ("samples", e.samples)]
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
        return nil
    }
}
