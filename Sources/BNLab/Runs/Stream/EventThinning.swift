/// Collects a run's events in bounded memory: at most ``stepLimit`` step events and at most
/// ``snapshotLimit`` BatchNorm snapshots per layer, evenly spaced, plus the last of each and every
/// step whose loss is not finite; every other event is kept.
///
/// Within one series (the steps, or one layer's snapshots), item *k* (counting from 0 in file
/// order) is kept when `k mod stride = 0`. When a series holds more than its limit, its stride
/// doubles and every second kept item is dropped, so between half the limit and the limit of
/// evenly spaced items remain, whatever the file's length.
public struct EventThinning {
    /// Snapshots kept per layer by default (`docs/run-format.md`, "Limits").
    public static let defaultSnapshotLimit = 512
    /// Step events kept by default: charts and replay need far fewer, and 100,000 keep a
    /// 10-million-step file in a few tens of MB.
    public static let defaultStepLimit = 100_000

    /// The most snapshots kept per layer (besides the last).
    let snapshotLimit: Int
    /// The most step events kept (besides the last and the non-finite ones).
    let stepLimit: Int
    private var events: [RunEvent?] = []
    private var dropped = 0
    private var series: [String: Series] = [:]

    private struct Series {
        var seen = 0
        var stride = 1
        var kept: [Int] = []   // indices into `events`
        var last: Int?         // index of the latest item when it is not one of `kept`
    }

    /// An empty collection.
    init(snapshotLimit: Int = EventThinning.defaultSnapshotLimit, stepLimit: Int = EventThinning.defaultStepLimit) {
        self.snapshotLimit = max(2, snapshotLimit)
        self.stepLimit = max(2, stepLimit)
    }

    /// Adds the next event in file order.
    mutating func append(_ event: RunEvent) {
        let key: String, limit: Int
        if case .bnSnapshot(let snapshot) = event {
            (key, limit) = ("bn_snapshot " + snapshot.layer, snapshotLimit)
        } else if case .step(let step) = event, step.loss.isFinite {
            (key, limit) = ("step", stepLimit)
        } else {
            events.append(event)
            return
        }
        // taken out of the dictionary so its arrays are uniquely referenced: appending to a copy
        // would copy the whole `kept` list at every event (quadratic in the events)
        var s = series.removeValue(forKey: key) ?? Series()
        if let last = s.last { drop(last) }
        s.last = nil
        let k = s.seen
        s.seen += 1
        events.append(event)
        if k % s.stride == 0 {
            keep(events.count - 1, in: &s, limit: limit)
        } else {
            s.last = events.count - 1
        }
        series[key] = s
        if dropped > 4096 && dropped > events.count / 2 { compact() }
    }

    /// Keeps the item at `index`; past the limit, doubles the series' stride.
    private mutating func keep(_ index: Int, in s: inout Series, limit: Int) {
        s.kept.append(index)
        guard s.kept.count > limit else { return }
        s.stride *= 2
        // the kept ones are items 0, s, 2s, …: with stride 2s, those at even positions stay
        let newest = s.kept.last!
        for (position, index) in s.kept.enumerated() where position % 2 == 1 && index != newest {
            drop(index)
        }
        s.kept = s.kept.enumerated().filter { $0.offset % 2 == 0 }.map(\.element)
        if s.kept.last != newest { s.last = newest }
    }

    /// The kept events in file order, and notices saying what was thinned.
    func finish() -> (events: [RunEvent], notices: [String]) {
        var notices: [String] = []
        for key in series.keys.sorted() {
            let s = series[key]!
            let kept = s.kept.count + (s.last == nil ? 0 : 1)
            guard kept < s.seen else { continue }
            let what = key == "step" ? "step events" : "snapshots of layer \(key.dropFirst("bn_snapshot ".count))"
            notices.append("kept \(kept) of \(s.seen) \(what), evenly spaced, to bound memory")
        }
        return (events.compactMap { $0 }, notices)
    }

    private mutating func drop(_ index: Int) {
        events[index] = nil
        dropped += 1
    }

    /// Removes the dropped slots and renumbers the series' indices.
    private mutating func compact() {
        var newIndex = [Int](repeating: -1, count: events.count)
        var next = 0
        for (old, event) in events.enumerated() where event != nil {
            newIndex[old] = next
            next += 1
        }
        events = events.filter { $0 != nil }
        for key in series.keys {
            series[key]!.kept = series[key]!.kept.map { newIndex[$0] }
            series[key]!.last = series[key]!.last.map { newIndex[$0] }
        }
        dropped = 0
    }
}
