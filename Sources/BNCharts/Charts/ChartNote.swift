/// Something a line chart could not show as a line and says in words instead: a series that left
/// the range, or curves drawn on top of each other.
///
/// ```swift
/// for note in chart.notes(in: pane) { print(note.text) }   // "no-bn-lr1.0 diverged at step 17 (max 3.1e30)"
/// ```
public struct ChartNote: Sendable, Hashable {
    /// What the note is about.
    public enum Kind: Sendable, Hashable {
        /// The series left the y range for good (or ended in NaN/inf) from x `at` on.
        case diverged(series: String, at: Double)
        /// These series have the same values (within a relative 1e-6), so only the last one shows.
        case identical(series: [String])
    }

    /// What the note is about.
    public var kind: Kind
    /// The sentence to show, e.g. `no-bn-lr1.0 diverged at step 17 (max 3.1e30)`.
    public var text: String

    /// Creates a note.
    public init(kind: Kind, text: String) {
        self.kind = kind
        self.text = text
    }
}
