/// Channel keys: `,`/`.` step one channel, `<`/`>` jump to the previous/next watched one (the
/// channels a run records at every forward, e.g. 0, 64, 128, 192 of 256). On the accuracy panel
/// both pick the class drawn over epochs, one at a time.
extension WorkbenchUpdate {
    /// Moves the channel by `delta`, clamped to the shown layer's channels.
    static func stepChannel(by delta: Int, state: inout WorkbenchState) {
        if state.chart == .accuracy {
            // On the accuracy panel the same keys pick the class drawn over epochs.
            let classes = max(1, state.chartRuns.compactMap { $0.latestEpoch?.classAccuracy.count }.max() ?? 1)
            state.accuracyClass = clamp(state.accuracyClass + delta, count: classes)
            return
        }
        guard let run = state.statsRun, let layer = state.shownLayer else {
            state.status = StatusMessage("no BN snapshots yet for this experiment")
            return
        }
        let channels = max(1, run.channelCount(layer: layer))
        state.channel = clamp(state.channel + delta, count: channels)
    }

    /// Moves to the next (`delta` 1) or previous (−1) watched channel of the shown layer, wrapping
    /// around; a layer without watched channels steps one channel, saying why.
    static func jumpWatchedChannel(by delta: Int, state: inout WorkbenchState) {
        guard state.chart != .accuracy, let run = state.statsRun, let layer = state.shownLayer,
              let watched = run.watches[layer]?.channels.sorted(), let first = watched.first, let last = watched.last else {
            stepChannel(by: delta, state: &state)
            if state.chart != .accuracy, state.statsRun != nil { state.status = StatusMessage("no watched channels in this layer") }
            return
        }
        let current = state.channel
        state.channel = delta > 0 ? watched.first { $0 > current } ?? first : watched.last { $0 < current } ?? last
    }
}
