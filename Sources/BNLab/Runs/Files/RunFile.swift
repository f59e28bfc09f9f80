import Foundation

/// A run file as read: its header, its events in order, and notices about anything skipped.
public struct RunFile: Sendable, Equatable {
    /// Where it was read from, if from a file.
    public var url: URL?
    /// The first line.
    public var header: RunHeader
    /// Every event that could be read, in file order.
    public var events: [RunEvent]
    /// Things a person should know about the file, e.g. `file ends mid-line after line 812: the
    /// last partial line was ignored`. Empty for a clean, finished file.
    public var notices: [String]

    /// A run read from somewhere.
    public init(url: URL? = nil, header: RunHeader, events: [RunEvent], notices: [String] = []) {
        self.url = url
        self.header = header
        self.events = events
        self.notices = notices
    }

    /// The end event, nil if the run was interrupted or is still running.
    public var end: EndEvent? {
        for event in events.reversed() { if case .end(let end) = event { return end } }
        return nil
    }

    /// The step events, in order.
    public var steps: [StepEvent] {
        events.compactMap { if case .step(let e) = $0 { e } else { nil } }
    }

    /// The epoch events, in order.
    public var epochs: [EpochEvent] {
        events.compactMap { if case .epoch(let e) = $0 { e } else { nil } }
    }

    /// The BatchNorm snapshots, in order.
    public var snapshots: [BNSnapshot] {
        events.compactMap { if case .bnSnapshot(let e) = $0 { e } else { nil } }
    }

    /// The markers, in order.
    public var markers: [MarkerEvent] {
        events.compactMap { if case .marker(let e) = $0 { e } else { nil } }
    }

    /// The one-line summary for listings.
    public var summary: RunSummary { RunSummary(self) }
}
