/// How a line chart draws itself: behind the lines the markers, bands and cursor; then the
/// lines; on top the series markers, clip marks, end labels, marker labels and notes.
extension LineChart {
    func draw(into g: inout Grid, in rect: Rect) {
        let prepared = prepare()
        let legend = legend(prepared)
        guard let layout = layout(in: rect, prepared: prepared, legend: legend) else {
            drawEmpty(into: &g, in: rect, legend: legend, hasSeries: !prepared.isEmpty)
            return
        }
        let plot = layout.plot
        if !layout.legend.isEmpty { legend.render(into: &g, in: layout.legend) }

        var cursorLabel: (text: String, start: Int)?
        var cursorColumn: Int?
        if let cx = cursorX, let col = layout.column(forX: cx) {
            cursorColumn = col
            let text = NumberFormat.value(cx)
            cursorLabel = (text, min(max(col - text.count / 2, rect.x), rect.maxX - text.count))
        }
        if layout.hasAxes { drawAxes(into: &g, layout: layout, rect: rect, reserved: cursorLabel) }

        drawMarkerLines(into: &g, layout: layout)
        for band in bands { drawBand(band, into: &g, layout: layout) }
        // The cursor goes under the lines: cells with dots cover it.
        if let col = cursorColumn {
            for row in plot.y..<plot.maxY { g[col, row] = Cell(glyphs.cursor, style: cursorStyle) }
        }
        drawLines(prepared, into: &g, layout: layout)
        if showsSeriesMarkers && prepared.count >= 2 && glyphs.canvasResolution == .braille && glyphs.isUnicode {
            drawSeriesMarkers(prepared, into: &g, layout: layout)
        }
        for d in divergences(prepared, layout: layout) { drawClipMark(d, prepared, into: &g, layout: layout) }
        if showsEndLabels && prepared.count >= 2 { drawEndLabels(prepared, into: &g, layout: layout) }
        drawMarkerLabels(into: &g, layout: layout)
        if let label = cursorLabel, layout.hasAxes {
            g.put(string: label.text, at: Point(x: label.start, y: plot.maxY + 1), style: cursorStyle.adding(.reverse))
        }
        drawNotes(layout, prepared, into: &g)
    }

    /// Raw series (dim) on one canvas, the lines in front on another drawn after it, so a cell
    /// holding both shows only the front line's dots. With one dot per cell each line is drawn
    /// with its series marker.
    private func drawLines(_ prepared: [Prepared], into g: inout Grid, layout: LineChartLayout) {
        let plot = layout.plot
        var back = BrailleCanvas(columns: plot.width, rows: plot.height, resolution: layout.resolution)
        var front = back
        let cellMode = layout.resolution == .cell || !glyphs.isUnicode
        for (_, p) in drawingOrder(prepared) {
            let style = Style.fg(p.color)
            let mark: Character? = cellMode && showsSeriesMarkers && prepared.count >= 2 ? p.marker : nil
            if let smoothed = p.smoothed {
                if showsRawSeries {
                    draw(p.raw, on: &back, layout: layout, style: style.adding(.dim), mark: cellMode ? "." : nil)
                }
                draw(smoothed, on: &front, layout: layout, style: style, mark: mark)
            } else {
                draw(p.raw, on: &front, layout: layout, style: style, mark: mark)
            }
        }
        back.render(into: &g, at: plot.origin, glyphs: glyphs)
        front.render(into: &g, at: plot.origin, glyphs: glyphs)
    }

    /// Downsamples to the canvas width and joins consecutive points with lines.
    private func draw(_ points: [ChartPoint], on canvas: inout BrailleCanvas, layout: LineChartLayout, style: Style,
                      mark: Character?) {
        let reduced = Downsampler(columns: max(1, canvas.pixelWidth)).reduce(points, over: layout.xDomain)
        var previous: (x: Double, y: Double)?
        for p in reduced {
            guard let px = layout.pixelX(p.x), let py = layout.pixelY(p.y) else { continue }
            if let q = previous {
                canvas.line(fromX: q.x, fromY: q.y, toX: px, toY: py, style: style, mark: mark)
            } else {
                canvas.plot(x: px, y: py, style: style, mark: mark)
            }
            previous = (px, py)
        }
    }

    /// The x value at the middle of plot column `column` (inverse of ``LineChartLayout/pixelX(_:)``).
    private func x(atColumn column: Int, layout: LineChartLayout) -> Double {
        let across = Double(layout.resolution.dotsAcross)
        let px = Double(column - layout.plot.x) * across + (across - 1) / 2
        let t = px / Double(max(1, layout.pixelWidth - 1))
        return layout.xDomain.lowerBound + t * (layout.xDomain.upperBound - layout.xDomain.lowerBound)
    }

    /// Each series' marker every `k` columns along its line, series offset so markers do not stack.
    private func drawSeriesMarkers(_ prepared: [Prepared], into g: inout Grid, layout: LineChartLayout) {
        let plot = layout.plot
        let k = max(6, min(12, plot.width / 6))
        for (i, p) in drawingOrder(prepared) {
            let offset = k / 2 + i * k / max(1, prepared.count)
            for column in plot.x..<plot.maxX where (column - plot.x + k - offset % k) % k == 0 {
                guard let y = Self.interpolate(p.front, at: x(atColumn: column, layout: layout)),
                      let row = layout.row(forY: y) else { continue }
                g[column, row] = Cell(p.marker, style: .fg(p.color))
            }
        }
    }

    /// The clip mark where a diverged series leaves the plot.
    private func drawClipMark(_ d: Divergence, _ prepared: [Prepared], into g: inout Grid, layout: LineChartLayout) {
        let plot = layout.plot
        let column = layout.column(forX: d.x) ?? (d.x < layout.xDomain.lowerBound ? plot.x : plot.maxX - 1)
        let style = Style.fg(prepared[d.seriesIndex].color).adding(.bold)
        switch d.direction {
        case .above: g[column, plot.y] = Cell(glyphs.clippedAbove, style: style)
        case .below: g[column, plot.maxY - 1] = Cell(glyphs.clippedBelow, style: style)
        case .notFinite:
            let row = d.lastInside.flatMap { layout.row(forY: $0) } ?? plot.y
            g[column, row] = Cell(glyphs.notFinite, style: style)
        }
    }

    /// Each series' name right of its line's last point, or above it ending there, where the cells
    /// are blank.
    private func drawEndLabels(_ prepared: [Prepared], into g: inout Grid, layout: LineChartLayout) {
        let plot = layout.plot
        for p in prepared {
            guard let last = p.front.last(where: { layout.xDomain.contains($0.x) }),
                  let column = layout.column(forX: last.x), let row = layout.row(forY: last.y) else { continue }
            let name = TextFitting.truncate(p.name, to: min(16, plot.width / 3), ellipsis: glyphs.ellipsis)
            guard !name.isEmpty else { continue }
            let candidates = [Point(x: column + 2, y: row), Point(x: column - name.count, y: row - 1),
                              Point(x: column - name.count, y: row + 1)]
            for start in candidates where start.x >= plot.x && start.x + name.count <= plot.maxX
                && start.y >= plot.y && start.y < plot.maxY
                && (start.x..<(start.x + name.count)).allSatisfy({ g[$0, start.y].character == " " }) {
                g.put(string: name, at: start, style: Style.fg(p.color))
                break
            }
        }
    }

    /// Vertical marker lines in the plot's blank cells, labelled ones first (they win a shared column).
    private func drawMarkerLines(into g: inout Grid, layout: LineChartLayout) {
        let plot = layout.plot
        for m in markers.filter({ $0.style == .labelled }) + markers.filter({ $0.style == .faint }) {
            guard let column = layout.column(forX: m.x) else { continue }
            let cell = m.style == .faint
                ? Cell(glyphs.faintMarkerLine, style: Style.fg(m.color).adding(.dim))
                : Cell(glyphs.vertical, style: Style.fg(m.color))
            for row in plot.y..<plot.maxY where g[column, row].character == " " { g[column, row] = cell }
        }
    }

    /// The fewest plot rows with marker labels (`phase train`): in a lower plot they would sit
    /// among the curves.
    static let markerLabelMinRows = 6

    /// Labels of labelled markers near the top of the plot, right of the line (left when there is no
    /// room), only over blank or marker-line cells with a free cell on each side, so that no line is
    /// hidden or touched; none in a plot under ``markerLabelMinRows`` rows, where they would sit
    /// among the curves.
    private func drawMarkerLabels(into g: inout Grid, layout: LineChartLayout) {
        let plot = layout.plot
        guard plot.height >= Self.markerLabelMinRows else { return }
        let free: Set<Character> = [" ", glyphs.faintMarkerLine, glyphs.vertical]
        func isFree(_ x: Int, _ y: Int) -> Bool { x < plot.x || x >= plot.maxX || free.contains(g[x, y].character) }
        for m in markers where m.style == .labelled && !m.label.isEmpty {
            guard let column = layout.column(forX: m.x) else { continue }
            let text = TextFitting.truncate(m.label, to: max(1, plot.width / 3), ellipsis: glyphs.ellipsis)
            let right = column + 1 + text.count <= plot.maxX
            let start = right ? column + 1 : max(plot.x, column - text.count)
            for row in plot.y..<min(plot.maxY, plot.y + 3)
            where ((start - 1)...(start + text.count)).allSatisfy({ isFree($0, row) }) {
                g.put(string: text, at: Point(x: start, y: row), style: Style.fg(m.color).adding(.bold))
                break
            }
        }
    }

    /// Shades the blank cells between the band's (smoothed) low and high in every plot column.
    private func drawBand(_ band: ChartBand, into g: inout Grid, layout: LineChartLayout) {
        let ema = EMASmoothing(weight: smoothing, debias: debiasSmoothing)
        let smoothes = ema.effectiveWeight > 0
        let lows = smoothes ? ema.apply(band.low.map(\.y)) : band.low.map(\.y)
        let highs = smoothes ? ema.apply(band.high.map(\.y)) : band.high.map(\.y)
        var spans: [Int: (top: Double, bottom: Double)] = [:]
        for (i, point) in band.low.enumerated() where i < highs.count {
            guard let column = layout.column(forX: point.x), let top = layout.pixelY(highs[i]),
                  let bottom = layout.pixelY(lows[i]) else { continue }
            let old = spans[column] ?? (top, bottom)
            spans[column] = (min(old.top, top), max(old.bottom, bottom))
        }
        let shade = Cell(glyphs.bandShade, style: Style(foreground: band.color, attributes: .dim))
        let dotsDown = Double(layout.resolution.dotsDown)
        let plot = layout.plot
        for (column, span) in spans {
            // Pixel rows → cell rows: row = plot.y + ⌊py / dotsDown⌋, clamped to the plot.
            let top = max(plot.y, plot.y + Int((max(span.top, -1) / dotsDown).rounded(.down)))
            let bottom = min(plot.maxY - 1, plot.y + Int((min(span.bottom, Double(layout.pixelHeight)) / dotsDown).rounded(.down)))
            guard top <= bottom else { continue }
            for y in top...bottom where g[column, y].character == " " { g[column, y] = shade }
        }
    }

    private func drawNotes(_ layout: LineChartLayout, _ prepared: [Prepared], into g: inout Grid) {
        let area = layout.notesArea
        guard !area.isEmpty, !layout.notes.isEmpty else { return }
        let texts = layout.notes.map { note -> String in
            switch note.kind {
            case .diverged(let name, _):
                let marker = prepared.first { $0.name == name }.map { String($0.marker) } ?? "!"
                return (showsSeriesMarkers ? marker + " " : "") + note.text
            case .identical:
                return "= " + note.text
            }
        }
        var lines = Array(texts.prefix(area.height))
        if texts.count > area.height {
            lines[area.height - 1] = texts[(area.height - 1)...].joined(separator: "; ")
        }
        // A note too long for the row drops its trailing details in parentheses before being cut:
        // `no-bn-lr1.0 diverged at step 16` rather than `… (max 4.6e34,…`.
        lines = lines.map { line in
            guard line.count > area.width, line.hasSuffix(")"), let open = line.lastIndex(of: "("),
                  open > line.startIndex, line[line.index(before: open)] == " " else { return line }
            return String(line[..<line.index(before: open)])
        }
        for (i, line) in lines.enumerated() {
            g.put(string: line, at: Point(x: area.x, y: area.y + i), style: labelStyle,
                  maxWidth: area.width, ellipsis: glyphs.ellipsis)
        }
    }

    /// The y axis with tick labels, the x axis with its labels (``xLabels(layout:rect:reserved:)``);
    /// x labels that would touch the `reserved` span (the cursor's label) are left out.
    private func drawAxes(into g: inout Grid, layout: LineChartLayout, rect: Rect, reserved: (text: String, start: Int)?) {
        let plot = layout.plot
        let axisX = plot.x - 1
        for row in plot.y..<plot.maxY { g[axisX, row] = Cell(glyphs.vertical, style: axisStyle) }
        var usedRows = Set<Int>()
        for (value, label) in zip(layout.yTicks, NiceTicks.labels(for: layout.yTicks)) {
            guard let row = layout.row(forY: value), usedRows.insert(row).inserted else { continue }
            g[axisX, row] = Cell(glyphs.yTick, style: axisStyle)
            let text = TextFitting.truncate(label, to: layout.yLabelWidth, ellipsis: glyphs.ellipsis)
            g.put(string: text, at: Point(x: axisX - text.count, y: row), style: labelStyle)
        }
        let axisY = plot.maxY
        g[axisX, axisY] = Cell(glyphs.axisCorner, style: axisStyle)
        for col in plot.x..<plot.maxX { g[col, axisY] = Cell(glyphs.horizontal, style: axisStyle) }
        for value in layout.xTicks {
            guard let col = layout.column(forX: value) else { continue }
            g[col, axisY] = Cell(glyphs.xTick, style: axisStyle)
        }
        for label in xLabels(layout: layout, rect: rect, reserved: reserved) {
            g[label.tick, axisY] = Cell(glyphs.xTick, style: axisStyle)
            g.put(string: label.text, at: Point(x: label.start, y: axisY + 1), style: labelStyle)
        }
    }

    private func drawEmpty(into g: inout Grid, in rect: Rect, legend: Legend, hasSeries: Bool) {
        guard !rect.isEmpty else { return }
        var area = rect
        if showsLegend && hasSeries && rect.height >= 3 {
            let rows = min(legend.rowsNeeded(width: rect.width), max(1, rect.height / 4))
            legend.render(into: &g, in: Rect(x: rect.x, y: rect.y, width: rect.width, height: rows))
            area = rect.inset(top: rows)
        }
        let text = TextFitting.truncate(emptyText, to: area.width, ellipsis: glyphs.ellipsis)
        let origin = Point(x: area.x + (area.width - text.count) / 2, y: area.y + area.height / 2)
        g.put(string: text, at: origin, style: labelStyle.adding(.dim))
    }
}
