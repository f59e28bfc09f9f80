/// Collects a run's events while keeping at most ``limit`` BatchNorm snapshots per layer, evenly
/// spaced, plus each layer's last one; every other event is kept.
///
/// Snapshot *k* of a layer (counting from 0 in file order) is kept when `k mod stride = 0`. When a
/// layer holds more than `limit`, its stride doubles and every second kept snapshot is dropped,
/// so between `limit/2` and `limit` evenly spaced snapshots remain, whatever the file's length.
public struct SnapshotThinning {
    /// Snapshots kept per layer by default (`docs/run-format.md`, "Limits").
    public static let defaultLimit = 512

    /// The most snapshots kept per layer (besides the last).
    let limit: Int
    private var events: [RunEvent?] = []
    private var dropped = 0
    private var layers: [String: Layer] = [:]

    private struct Layer {
        var seen = 0
        var stride = 1
        var kept: [Int] = []   // indices into `events`
        var last: Int?         // index of the latest snapshot when it is not one of `kept`
    }

    /// An empty collection.
    init(limit: Int = SnapshotThinning.defaultLimit) {
        self.limit = max(2, limit)
    }

    /// Adds the next event in file order.
    mutating func append(_ event: RunEvent) {
        guard case .bnSnapshot(let snapshot) = event else {
            events.append(event)
            return
        }
        var layer = layers[snapshot.layer] ?? Layer()
        if let last = layer.last { drop(last) }
        layer.last = nil
        let k = layer.seen
        layer.seen += 1
        events.append(event)
        if k % layer.stride == 0 {
            keep(events.count - 1, in: &layer)
        } else {
            layer.last = events.count - 1
        }
        layers[snapshot.layer] = layer
        if dropped > 4096 && dropped > events.count / 2 { compact() }
    }

    /// Keeps the snapshot at `index`; past the limit, doubles the layer's stride.
    private mutating func keep(_ index: Int, in layer: inout Layer) {
        layer.kept.append(index)
        if layer.kept.count > limit {
            layer.stride *= 2
            // the kept ones are snapshots 0, s, 2s, …: with stride 2s, those at even positions stay
            for (position, index) in layer.kept.enumerated() where position % 2 == 1 && index != layer.kept.last {
                drop(index)
            }
            let newest = layer.kept.last!
            layer.kept = layer.kept.enumerated().filter { $0.offset % 2 == 0 }.map(\.element)
            if layer.kept.last != newest { layer.last = newest }
        }
    }

    /// The kept events, in file order.
    func finish() -> [RunEvent] {
        events.compactMap { $0 }
    }

    private mutating func drop(_ index: Int) {
        events[index] = nil
        dropped += 1
    }

    /// Removes the dropped slots and renumbers the layers' indices.
    private mutating func compact() {
        var newIndex = [Int](repeating: -1, count: events.count)
        var next = 0
        for (old, event) in events.enumerated() where event != nil {
            newIndex[old] = next
            next += 1
        }
        events = events.filter { $0 != nil }
        for name in layers.keys {
            layers[name]!.kept = layers[name]!.kept.map { newIndex[$0] }
            layers[name]!.last = layers[name]!.last.map { newIndex[$0] }
        }
        dropped = 0
    }
}
