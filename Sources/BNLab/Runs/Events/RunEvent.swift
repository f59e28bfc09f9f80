/// Everything a run reports, live or replayed: one JSON object per line of a run file, told
/// apart by its `type` field.
///
/// | case | `type` | written to the file |
/// |---|---|---|
/// | ``step(_:)`` | `step` | yes |
/// | ``bnSnapshot(_:)`` | `bn_snapshot` | yes |
/// | ``epoch(_:)`` | `epoch` | yes |
/// | ``marker(_:)`` | `marker` | yes |
/// | ``bnWatch(_:)`` | `bn_watch` | yes (format 1.1) |
/// | ``diagnostic(_:)`` | `diagnostic` | yes (format 1.1) |
/// | ``checkpoint(_:)`` | `checkpoint` | yes (format 1.1) |
/// | ``progress(_:)`` | `progress` | no: live only |
/// | ``end(_:)`` | `end` | yes, last |
///
/// The payload's fields sit next to `type` in the same object:
/// `{"type":"step","step":12,"epoch":1,"loss":2.1,"lr":0.01,"samples":768}`.
public enum RunEvent: Codable, Sendable, Equatable {
    /// One optimizer step's loss.
    case step(StepEvent)
    /// One BatchNorm layer's statistics.
    case bnSnapshot(BNSnapshot)
    /// The end of an epoch, with the test evaluation.
    case epoch(EpochEvent)
    /// A mode switch, freeze or phase change.
    case marker(MarkerEvent)
    /// Watched channels of one BatchNorm layer after one training forward.
    case bnWatch(BNWatch)
    /// A problem a recorder noticed.
    case diagnostic(DiagnosticEvent)
    /// Weights saved beside the run file.
    case checkpoint(CheckpointEvent)
    /// Live progress (never written to files).
    case progress(RunProgress)
    /// The end of the run.
    case end(EndEvent)

    /// Every `type` value this version reads.
    public static let knownTypes: Set<String> = [
        "step", "bn_snapshot", "bn_watch", "epoch", "marker", "diagnostic", "checkpoint", "progress", "end",
    ]

    /// The `type` value of this event.
    public var type: String {
        switch self {
        case .step: "step"
        case .bnSnapshot: "bn_snapshot"
        case .epoch: "epoch"
        case .marker: "marker"
        case .bnWatch: "bn_watch"
        case .diagnostic: "diagnostic"
        case .checkpoint: "checkpoint"
        case .progress: "progress"
        case .end: "end"
        }
    }

    /// The optimizer step the event belongs to, for events that have one.
    public var step: Int? {
        switch self {
        case .step(let e): e.step
        case .bnSnapshot(let e): e.step
        case .marker(let e): e.step
        case .bnWatch(let e): e.step
        case .diagnostic(let e): e.step
        case .checkpoint(let e): e.step
        case .progress(let e): e.step
        case .end(let e): e.step
        case .epoch: nil
        }
    }

    private enum TypeKey: String, CodingKey {
        case type
    }

    /// Decodes `{"type": …, …fields}`; an unknown type throws ``UnknownEventType``.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: TypeKey.self)
        let type = try c.decode(String.self, forKey: .type)
        switch type {
        case "step": self = .step(try StepEvent(from: decoder))
        case "bn_snapshot": self = .bnSnapshot(try BNSnapshot(from: decoder))
        case "epoch": self = .epoch(try EpochEvent(from: decoder))
        case "marker": self = .marker(try MarkerEvent(from: decoder))
        case "bn_watch": self = .bnWatch(try BNWatch(from: decoder))
        case "diagnostic": self = .diagnostic(try DiagnosticEvent(from: decoder))
        case "checkpoint": self = .checkpoint(try CheckpointEvent(from: decoder))
        case "progress": self = .progress(try RunProgress(from: decoder))
        case "end": self = .end(try EndEvent(from: decoder))
        default: throw UnknownEventType(type: type)
        }
    }

    /// Encodes `type` and the payload's fields into one object.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: TypeKey.self)
        try c.encode(type, forKey: .type)
        switch self {
        case .step(let e): try e.encode(to: encoder)
        case .bnSnapshot(let e): try e.encode(to: encoder)
        case .epoch(let e): try e.encode(to: encoder)
        case .marker(let e): try e.encode(to: encoder)
        case .bnWatch(let e): try e.encode(to: encoder)
        case .diagnostic(let e): try e.encode(to: encoder)
        case .checkpoint(let e): try e.encode(to: encoder)
        case .progress(let e): try e.encode(to: encoder)
        case .end(let e): try e.encode(to: encoder)
        }
    }
}

/// Thrown when decoding an event whose `type` this version does not know (a newer bnlab wrote
/// it); the reader skips such lines and counts them in a notice.
public struct UnknownEventType: Error, Sendable, Equatable {
    /// The `type` value found.
    public var type: String
}
