/// Why a checkpoint was saved (the `reason` of its `checkpoint` event).
public enum CheckpointReason: String, Sendable, CaseIterable {
    /// Every `record.checkpoint_every` epochs.
    case epoch
    /// At the end of the run.
    case end
    /// On Ctrl-C or cancel, to resume from.
    case interrupt

    /// The file name beside the run file `<stem>.jsonl`: `<stem>.e<epoch>.safetensors`,
    /// `<stem>.end.safetensors` or `<stem>.interrupt.safetensors`.
    public func fileName(runFileStem stem: String, epoch: Int) -> String {
        switch self {
        case .epoch: "\(stem).e\(epoch).safetensors"
        case .end, .interrupt: "\(stem).\(rawValue).safetensors"
        }
    }
}
