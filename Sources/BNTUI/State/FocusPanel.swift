/// Which list the movement keys act on.
public enum FocusPanel: String, Sendable, Hashable, CaseIterable {
    /// The experiment catalog.
    case experiments
    /// The run queue.
    case runs
}
