/// How serious a `diagnostic` is.
public enum DiagnosticSeverity: String, Codable, Sendable, Hashable, CaseIterable {
    /// Worth knowing.
    case info
    /// Probably a mistake (the default).
    case warning
    /// The results are not to be trusted.
    case error
}
