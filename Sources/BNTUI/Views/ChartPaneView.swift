import BNCharts

/// The main area: a tab row naming the charts (the shown one highlighted), a caption, and the
/// chart; over a replay its bar under the chart, and during a lesson the step's box between them.
enum ChartPaneView {
    /// The parts of the pane: the tab row (empty during a lesson on a short screen: the step
    /// picks the chart), the chart, the lesson's box (its separator row included) and the replay bar.
    struct Areas: Equatable {
        var tabs: Rect
        var chart: Rect
        var lesson: Rect
        var bar: Rect
    }

    /// The rows each chart needs to stay readable under a lesson's box: the loss chart 8 plot
    /// rows with its caption, legend and axis; the accuracy chart all 10 classes with its caption
    /// and legend; the BN panel its heatmap, channel chart and legend.
    static func readableRows(_ chart: ChartKind) -> Int {
        switch chart {
        case .loss: 12
        case .accuracy: 13
        case .runningStats: 13
        }
    }

    /// Where the parts of `state`'s pane go in `rect`.
    static func areas(_ state: WorkbenchState, in rect: Rect) -> Areas {
        let none = Rect(x: rect.x, y: rect.y, width: 0, height: 0)
        let hidesTabs = state.lesson != nil && rect.height < WorkbenchView.lessonWideBelowHeight - 4
        var (tabs, body) = hidesTabs ? (none, rect) : rect.splitTop(1)
        var bar = none, box = none
        if let replay = state.replay {
            let height = min(ReplayBarView.lines(replay, unicode: false).count, max(0, body.height - 4))
            (body, bar) = body.splitBottom(height)
            if let lesson = state.lesson {
                let full = LessonView.lines(lesson, replay: replay, width: body.width).count + 1
                // Up to half the height, two thirds when the text needs it, but never so much that
                // the chart loses its readable rows: the text then scrolls (J/K).
                let roomy = max(body.height / 2, min(body.height * 2 / 3, body.height - 8))
                let height = min(full, max(4, min(roomy, body.height - readableRows(state.chart))))
                (body, box) = body.splitBottom(height)
            }
        }
        return Areas(tabs: tabs, chart: body, lesson: box, bar: bar)
    }

    static func render(_ state: WorkbenchState, into grid: inout Grid, in rect: Rect, glyphs: Glyphs) {
        guard rect.height >= 2, rect.width >= 4 else { return }
        let areas = areas(state, in: rect)
        var x = areas.tabs.x
        for (i, kind) in ChartKind.allCases.enumerated() where !areas.tabs.isEmpty {
            let text = " \(i + 1) \(kind.title) "
            guard x + text.count <= areas.tabs.maxX else { break }
            x += grid.put(string: text, at: Point(x: x, y: areas.tabs.y), style: kind == state.chart ? Theme.activeTab : Theme.tab)
            x += 1
        }
        if let replay = state.replay {
            let lines = ReplayBarView.lines(replay, unicode: glyphs.isUnicode, width: areas.bar.width)
            ReplayBarView.render(lines.prefix(areas.bar.height), into: &grid, in: areas.bar, glyphs: glyphs)
            if let lesson = state.lesson {
                LessonView.render(lesson, replay: replay, into: &grid, in: areas.lesson, glyphs: glyphs)
            }
        }
        switch state.chart {
        case .loss: LossChartView.render(state, into: &grid, in: areas.chart, glyphs: glyphs)
        case .accuracy: AccuracyChartView.render(state, into: &grid, in: areas.chart, glyphs: glyphs)
        case .runningStats: RunningStatsView.render(state, into: &grid, in: areas.chart, glyphs: glyphs)
        }
    }

    /// A dim centered message for an empty chart.
    static func placeholder(_ text: String, into grid: inout Grid, in rect: Rect, glyphs: Glyphs) {
        let lines = TextWrap.lines(text, width: max(1, rect.width - 2))
        let top = rect.y + max(0, (rect.height - lines.count) / 2)
        for (i, line) in lines.enumerated() where top + i < rect.maxY {
            grid.put(string: line, at: Point(x: rect.x + max(0, (rect.width - line.count) / 2), y: top + i),
                     style: Theme.dim)
        }
    }
}
