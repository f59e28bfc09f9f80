extension RunInfo {
    /// Where a run is in its life: `queued → running ⇄ paused → done | cancelled | diverged | failed`.
    public enum State: String, Sendable, Equatable, CaseIterable {
        /// Waiting for a free slot on the queue.
        case queued
        /// Training on a background thread.
        case running
        /// Held between two steps until resumed.
        case paused
        /// Ran every epoch.
        case done
        /// Stopped by the user.
        case cancelled
        /// The loss became NaN or infinite.
        case diverged
        /// An error stopped it.
        case failed

        /// True while the run still uses (or waits for) the queue: queued, running or paused.
        public var isActive: Bool {
            switch self {
            case .queued, .running, .paused: true
            case .done, .cancelled, .diverged, .failed: false
            }
        }
    }
}
