/// How a run ended.
public enum EndStatus: String, Codable, Sendable, CaseIterable {
    /// It ran every epoch.
    case done
    /// Someone stopped it.
    case cancelled
    /// The loss became NaN or infinite; training stopped.
    case diverged
    /// An error stopped it (the message says which).
    case failed
}
