/// Settings of the app loop.
public struct WorkbenchOptions: Sendable {
    /// How long one wait for input may last; the backend is polled and the screen redrawn at
    /// least this often while data arrives (50 ms: up to 20 frames a second, keys answered at once).
    public var frameTimeout: Duration
    /// Shown in the header: where the runs come from.
    public var backendLabel: String?

    /// Options.
    public init(frameTimeout: Duration = .milliseconds(50), backendLabel: String? = nil) {
        self.frameTimeout = frameTimeout
        self.backendLabel = backendLabel
    }
}
