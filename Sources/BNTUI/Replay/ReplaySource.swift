import BNLab
import Foundation

/// One saved run opened for replay: its header, its events with the step each belongs to, and
/// the reader's notices (a truncated file, skipped lines).
///
/// Events without a step of their own (epoch evaluations) belong to the step before them, so an
/// epoch's accuracy appears as the cursor passes its last step. Steps are made non-decreasing, so a
/// file from another program with an out-of-order event still replays in file order.
public struct ReplaySource: Sendable, Equatable, Identifiable {
    /// The record id shown in the run list, e.g. `r1`.
    public var id: String
    /// The file's name, e.g. `bn-vs-no-bn-bn-a3f9c2.jsonl`.
    public var fileName: String
    /// The file's header.
    public var header: RunHeader
    /// Every event read, in file order.
    public var events: [RunEvent]
    /// The step each event belongs to (same indices as ``events``), non-decreasing.
    public var eventSteps: [Int]
    /// What the reader reported about the file (a cut-off last line, skipped lines, no end).
    public var notices: [String]
    /// The steps after which an epoch evaluation was recorded, found once when the source is made
    /// (the replay bar and lessons ask every frame).
    public let epochEnds: [Int]

    /// A source from a read run file, with the record id `id`.
    public init(id: String, file: RunFile) {
        self.id = id
        fileName = file.url?.lastPathComponent ?? "\(file.header.experiment)-\(file.header.variant).jsonl"
        header = file.header
        events = file.events
        notices = file.notices
        var current = 0
        let steps = file.events.map { event in
            if let s = event.step { current = max(current, s) }
            return current
        }
        eventSteps = steps
        epochEnds = zip(file.events, steps).compactMap { event, step in
            if case .epoch = event { step } else { nil }
        }
    }

    /// The first step with an event (0 for an empty run).
    public var firstStep: Int { eventSteps.first ?? 0 }
    /// The last step with an event.
    public var lastStep: Int { eventSteps.last ?? 0 }

    /// How many events are shown with the cursor at `step`: those at or before it.
    public func eventCount(atStep step: Int) -> Int {
        // Binary search for the first event after `step` (eventSteps is sorted).
        var low = 0, high = eventSteps.count
        while low < high {
            let mid = (low + high) / 2
            if eventSteps[mid] <= step { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// An empty record for this run, before any event.
    public func emptyRecord() -> RunRecord {
        var record = RunRecord(id: id, experimentID: header.experiment, variant: header.variant, state: .running)
        record.seed = header.seed
        record.context = RunContext(header: header)
        record.fileRunID = header.runID
        record.rank = header.rank
        record.group = header.group
        record.moduleOrder = header.modules.map(\.name)
        return record
    }

    /// Brings `record` to the cursor at `step`: appends the missing events going forward, or
    /// rebuilds it from the start going back. Returns whether the record changed.
    @discardableResult
    public func sync(_ record: inout RunRecord, toStep step: Int) -> Bool {
        let target = eventCount(atStep: step)
        guard target != record.eventCount else { return false }
        if target < record.eventCount { record = emptyRecord() }
        for event in events[record.eventCount..<target] { record.apply(event) }
        return true
    }
}
