/// What the BN statistics panel shows.
public enum BNPanelMode: String, Sendable, Hashable, CaseIterable {
    /// One run: heatmap of every channel, the layer's summary, and the selected channel's batch,
    /// running and expected lines.
    case channel
    /// One channel of one layer for every run of the experiment (or every replayed run).
    case overlay
}
