import BNLab

extension RunInfo.State {
    /// The state a run is in after ending with `status`.
    public init(_ status: EndStatus) {
        switch status {
        case .done: self = .done
        case .cancelled: self = .cancelled
        case .diverged: self = .diverged
        case .failed: self = .failed
        }
    }
}
