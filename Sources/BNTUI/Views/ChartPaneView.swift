import BNCharts

/// The main area: a tab row naming the charts (the shown one highlighted), a caption, and the chart.
enum ChartPaneView {
    static func render(_ state: WorkbenchState, into grid: inout Grid, in rect: Rect, glyphs: Glyphs) {
        guard rect.height >= 2, rect.width >= 4 else { return }
        var x = rect.x
        for (i, kind) in ChartKind.allCases.enumerated() {
            let text = " \(i + 1) \(kind.title) "
            guard x + text.count <= rect.maxX else { break }
            x += grid.put(string: text, at: Point(x: x, y: rect.y), style: kind == state.chart ? Theme.activeTab : Theme.tab)
            x += 1
        }
        var body = rect.inset(top: 1)
        if let replay = state.replay {
            let lines = ReplayBarView.lines(replay, unicode: glyphs.isUnicode)
            let height = min(lines.count, max(0, body.height - 4))
            let (rest, bar) = body.splitBottom(height)
            ReplayBarView.render(lines.prefix(height), into: &grid, in: bar, glyphs: glyphs)
            body = rest
            if let lesson = state.lesson {
                let full = LessonView.lines(lesson, replay: replay, width: body.width).count
                // The lesson takes up to half the chart's height, two thirds when its text needs it
                // (the chart keeps 8 rows); what still does not fit is shortened, never the question.
                let height = min(full + 1, max(0, max(body.height / 2, min(body.height * 2 / 3, body.height - 8))))
                let (chart, box) = body.splitBottom(height)
                let lines = LessonView.lines(lesson, replay: replay, width: body.width, maxLines: max(0, height - 1),
                                             ellipsis: glyphs.ellipsis)
                LessonView.render(lines[...], into: &grid, in: box, glyphs: glyphs)
                body = chart
            }
        }
        switch state.chart {
        case .loss: LossChartView.render(state, into: &grid, in: body, glyphs: glyphs)
        case .accuracy: AccuracyChartView.render(state, into: &grid, in: body, glyphs: glyphs)
        case .runningStats: RunningStatsView.render(state, into: &grid, in: body, glyphs: glyphs)
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
