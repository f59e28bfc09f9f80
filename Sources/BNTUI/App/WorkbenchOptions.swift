import Foundation

/// Settings of the app loop.
public struct WorkbenchOptions: Sendable {
    /// How long one wait for input may last; the backend is polled and the screen redrawn at
    /// least this often while data arrives (50 ms: up to 20 frames a second, keys answered at once).
    public var frameTimeout: Duration
    /// Shown in the header: where the runs come from.
    public var backendLabel: String?
    /// The folder of saved runs the runs browser (`R`) lists; nil: no browser.
    public var runsFolder: URL?
    /// Whether the workbench starts in high contrast (`--high-contrast`; `H` toggles it).
    public var highContrast: Bool
    /// Seconds without new lines after which the runs browser shows a run without an end as stalled.
    public var stallAfter: TimeInterval = 30

    /// Options.
    public init(frameTimeout: Duration = .milliseconds(50), backendLabel: String? = nil, runsFolder: URL? = nil,
                highContrast: Bool = false) {
        self.frameTimeout = frameTimeout
        self.backendLabel = backendLabel
        self.runsFolder = runsFolder
        self.highContrast = highContrast
    }
}
