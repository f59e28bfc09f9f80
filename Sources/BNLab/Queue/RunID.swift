/// Identifies a run within one ``RunQueue``: `#1`, `#2`, … in the order they were enqueued.
public struct RunID: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The number, from 1.
    public let rawValue: Int

    /// An id from its number.
    public init(rawValue: Int) { self.rawValue = rawValue }

    /// `#3`.
    public var description: String { "#\(rawValue)" }

    /// Orders by enqueue order.
    public static func < (lhs: RunID, rhs: RunID) -> Bool { lhs.rawValue < rhs.rawValue }
}
