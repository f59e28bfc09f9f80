import BNCharts
import BNLab

/// The BN statistics panel (key `3`).
///
/// - **One run** (``BNPanelMode/channel``): a heatmap of every channel of the layer over time
///   (``BNHeatmapView``), the layer's health over all channels (``BNLayerSummaryView``) and the
///   selected channel's batch, running and expected lines (``BNChannelChartView``).
/// - **Across runs** (``BNPanelMode/overlay``, key `o`): the selected channel's running statistic
///   for every run (``BNOverlayChartView``).
///
/// At 80×24 the panel is about 52×18: caption 1 row, heatmap 5, summary 2, channel chart 10.
enum RunningStatsView {
    static func render(_ state: WorkbenchState, into grid: inout Grid, in rect: Rect, glyphs: Glyphs) {
        guard !rect.isEmpty else { return }
        guard let run = state.statsRun, let layer = state.shownLayer else {
            let runs = state.chartRuns
            // Finished runs without statistics never will have any: say so instead of "yet".
            let ended = !runs.isEmpty && runs.allSatisfy { $0.end != nil }
            ChartPaneView.placeholder(
                ended ? "No BN statistics: these runs have no BatchNorm layer (GroupNorm, LayerNorm or no "
                        + "normalization), so there are no running statistics to show."
                    : !runs.isEmpty ? "No BN statistics yet. Runs with BatchNorm layers record them as they train."
                    : "No runs of this experiment yet. Press Enter to run it.",
                into: &grid, in: rect, glyphs: glyphs)
            return
        }
        let snaps = run.snapshots[layer] ?? []
        let channels = max(1, run.channelCount(layer: layer))
        let channel = min(max(0, state.channel), channels - 1)
        let cursor = state.replay?.cursor
        if state.bnPanelMode == .overlay {
            BNOverlayChartView.render(state.statistic, runs: state.chartRuns, names: state.names(of: state.chartRuns), layer: layer, channel: channel, cursor: cursor,
                                      into: &grid, in: rect, glyphs: glyphs)
            return
        }
        grid.put(string: caption(run, name: state.names(of: [run])[0], layer: layer, channel: channel, channels: channels, width: rect.width, glyphs: glyphs),
                 at: rect.origin, style: Theme.title, maxWidth: rect.width, ellipsis: glyphs.ellipsis)

        let body = rect.inset(top: 1)
        guard !snaps.isEmpty else {
            BNChannelChartView.render(state.statistic, run: run, layer: layer, channel: channel, cursor: cursor,
                                      into: &grid, in: body, glyphs: glyphs)
            return
        }
        // Under a lesson's text at 80×24 the body is small: the channel chart alone, with the
        // batch, running and expected lines the lesson speaks of.
        guard body.height >= 12 else {
            BNChannelChartView.render(state.statistic, run: run, layer: layer, channel: channel, cursor: cursor,
                                      into: &grid, in: body, glyphs: glyphs)
            return
        }
        let summaryHeight = body.height >= 14 ? BNLayerSummaryView.height : 0
        let heatHeight = max(4, min(channels + 2, (body.height - summaryHeight) * 7 / 20))
        let (heatRect, rest) = body.splitTop(heatHeight)
        let (summaryRect, chartRect) = rest.splitTop(summaryHeight)
        BNHeatmapView.render(state.statistic, order: state.heatmapOrder, snaps: snaps, channel: channel,
                             into: &grid, in: heatRect, glyphs: glyphs)
        BNLayerSummaryView.render(state.statistic, snaps: snaps, into: &grid, in: summaryRect, glyphs: glyphs)
        BNChannelChartView.render(state.statistic, run: run, layer: layer, channel: channel, cursor: cursor,
                                  into: &grid, in: chartRect, glyphs: glyphs)
    }

    /// `#1 bn s2 · layer 2 (BatchNorm1d) 1/2 · ch 64/255 watched`, without the layer type when it
    /// does not fit.
    static func caption(_ run: RunRecord, name: String, layer: String, channel: Int, channels: Int, width: Int, glyphs: Glyphs) -> String {
        let layerIndex = (run.layerNames.firstIndex(of: layer) ?? 0) + 1
        let watched = run.watches[layer].map { $0.channels.contains(channel) ? " watched" : " not watched" } ?? ""
        let separator = glyphs.isUnicode ? " · " : " | "
        let type = (run.snapshots[layer]?.last?.layerType).map { " (\($0))" } ?? ""
        let who = "\(run.id) \(name)"
        let full = [who, "layer \(layer)\(type) \(layerIndex)/\(run.layerNames.count)",
                    "ch \(channel)/\(channels - 1)\(watched)"].joined(separator: separator)
        guard full.count > width else { return full }
        return [who, "layer \(layer) \(layerIndex)/\(run.layerNames.count)",
                "ch \(channel)/\(channels - 1)\(watched)"].joined(separator: separator)
    }
}
