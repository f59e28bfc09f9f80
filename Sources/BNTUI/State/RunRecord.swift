import BNCharts
import BNLab

/// Everything the workbench knows about one run, accumulated from its ``RunEvent``s: the loss per
/// step, the epoch evaluations, the BN snapshots by layer, markers and the end.
///
/// The same record serves live runs (fed from ``WorkbenchBackend/poll()``) and replays of saved
/// run files (fed event by event with ``apply(_:)-(RunEvent)``).
public struct RunRecord: Sendable, Equatable, Identifiable {
    /// The backend's id for the run, e.g. `#3`.
    public var id: String
    /// The experiment it belongs to.
    public var experimentID: String
    /// The variant it trains.
    public var variant: String
    /// Where the run is in its life.
    public var state: RunInfo.State
    /// Why it failed, diverged or was cancelled.
    public var message: String?
    /// The latest progress report.
    public var progress: RunProgress?
    /// Training loss per step: x is the step, y the loss (non-finite losses kept; charts skip them).
    public private(set) var losses: [ChartPoint] = []
    /// The epoch of each entry of ``losses`` (from the step events' `epoch`).
    public private(set) var lossEpochs: [Int] = []
    /// The wall time (seconds since the start, pauses excluded) of each entry of ``losses``; nil
    /// where the step event has no `time` (format 1.0 files).
    public private(set) var lossTimes: [Double?] = []
    /// The learning rate each entry of ``losses`` used (the step events' `lr`).
    public private(set) var lossLRs: [Double] = []
    /// Epoch evaluations, in order.
    public private(set) var epochs: [EpochEvent] = []
    /// BN snapshots per layer name, in step order; at most ``snapshotLimit`` per layer (past
    /// that every second one is dropped, the latest always kept, so they stay spread over the run).
    public private(set) var snapshots: [String: [BNSnapshot]] = [:]
    /// The most snapshots kept per layer (a run records about 200 by default).
    public static let snapshotLimit = 2048
    /// The `bn_watch` events per layer name, with the expected running statistics (bounded:
    /// see ``BNWatchTrace``).
    public private(set) var watches: [String: BNWatchTrace] = [:]
    /// BN layer names: in ``moduleOrder`` when the header lists the modules, else in the order
    /// they first appeared.
    public private(set) var layerNames: [String] = []
    /// The module names of the run's header in module order (another program's run names its
    /// layers `layer1.0.bn1`): live and replayed views number the layers alike, whatever event
    /// a reader meets first.
    public var moduleOrder: [String] = []
    /// Markers (mode switches, freezes, phases), in order.
    public private(set) var markers: [MarkerEvent] = []
    /// The plan's random seed, when known (names runs of one variant, see ``RunNaming``).
    public var seed: UInt64?
    /// The plan's data and epochs, when known.
    public var context: RunContext?
    /// The run id of the file replayed (`a3f9c2`); nil for live runs.
    public var fileRunID: String?
    /// The process's rank, for one file of a data-parallel run; nil otherwise.
    public var rank: Int?
    /// The id shared by the files of one data-parallel run.
    public var group: String?
    /// The end event, once the run ended.
    public private(set) var end: EndEvent?
    /// Events applied so far.
    public private(set) var eventCount = 0

    /// An empty record.
    public init(id: String, experimentID: String, variant: String, state: RunInfo.State = .queued) {
        self.id = id
        self.experimentID = experimentID
        self.variant = variant
        self.state = state
    }

    /// A record started from a backend report (its events applied).
    public init(_ info: RunInfo) {
        self.init(id: info.id, experimentID: info.experimentID, variant: info.variant, state: info.state)
        seed = info.seed
        context = info.context
        rank = info.rank
        group = info.group
        moduleOrder = info.moduleOrder
        apply(info)
    }

    /// Adds a layer name: before the first known layer that comes later in ``moduleOrder``.
    private mutating func addLayer(_ name: String) {
        guard let rank = moduleOrder.firstIndex(of: name) else { return layerNames.append(name) }
        let later = layerNames.firstIndex { other in moduleOrder.firstIndex(of: other).map { $0 > rank } ?? false }
        layerNames.insert(name, at: later ?? layerNames.endIndex)
    }

    /// Takes a backend report: state, message and progress replace the old ones, new events are
    /// appended. Returns whether anything changed.
    @discardableResult
    public mutating func apply(_ info: RunInfo) -> Bool {
        var changed = !info.newEvents.isEmpty
        if state != info.state || message != info.message || progress != info.progress {
            changed = true
            state = info.state
            message = info.message
            if let p = info.progress { progress = p }
        }
        for event in info.newEvents { apply(event) }
        return changed
    }

    /// Adds one event to the record.
    public mutating func apply(_ event: RunEvent) {
        eventCount += 1
        switch event {
        case .step(let e):
            losses.append(ChartPoint(x: Double(e.step), y: e.loss))
            lossEpochs.append(e.epoch)
            lossTimes.append(e.time)
            lossLRs.append(e.lr)
        case .bnSnapshot(let s):
            if snapshots[s.layer] == nil && watches[s.layer] == nil { addLayer(s.layer) }
            snapshots[s.layer, default: []].append(s)
            if let list = snapshots[s.layer], list.count > Self.snapshotLimit {
                snapshots[s.layer] = list.indices.compactMap { $0 % 2 == 0 || $0 == list.count - 1 ? list[$0] : nil }
            }
        case .epoch(let e):
            epochs.append(e)
        case .marker(let m):
            markers.append(m)
        case .progress(let p):
            progress = p
        case .bnWatch(let w):
            if snapshots[w.layer] == nil && watches[w.layer] == nil { addLayer(w.layer) }
            watches[w.layer, default: BNWatchTrace()].append(w)
        case .diagnostic(let d):
            // Shown as a marker on the charts, so that a recorder's warning is seen where it happened.
            markers.append(MarkerEvent(step: d.step, kind: MarkerKind(rawValue: "diagnostic"),
                                       text: "! " + (d.layer.map { "\($0): " } ?? "") + d.kind.rawValue))
        case .checkpoint:
            break
        case .end(let e):
            end = e
            state = RunInfo.State(e.status)
            if let text = e.message { message = text }
        }
    }

    /// The latest epoch evaluation.
    public var latestEpoch: EpochEvent? { epochs.last }

    /// `experiment/variant`, e.g. `bn-vs-no-bn/bn`.
    public var name: String { "\(experimentID)/\(variant)" }

    /// The steps between consecutive snapshots of `layer` (the most common gap); nil with fewer than two.
    public func snapshotInterval(layer: String) -> Int? {
        guard let list = snapshots[layer], list.count >= 2 else { return nil }
        var counts: [Int: Int] = [:]
        for (a, b) in zip(list, list.dropFirst()) where b.step > a.step { counts[b.step - a.step, default: 0] += 1 }
        return counts.max { $0.value == $1.value ? $0.key > $1.key : $0.value < $1.value }?.key
    }

    /// The number of channels of `layer` (from its latest snapshot, else the largest watched
    /// index + 1), 0 when unknown.
    public func channelCount(layer: String) -> Int {
        snapshots[layer]?.last?.batchMean.count ?? watches[layer]?.channels.last.map { $0 + 1 } ?? 0
    }
}
