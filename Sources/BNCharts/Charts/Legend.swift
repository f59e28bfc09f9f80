/// A row of `■ name` items, wrapped onto more rows when they do not fit the width, after an
/// optional title saying what the entries' numbers are (`last smoothed: ● bn 0.82  ▲ no-bn 1.9`).
///
/// ```swift
/// let legend = Legend(entries: [LegendEntry(label: "BN", color: .cyan), LegendEntry(label: "no-BN", color: .yellow)])
/// legend.render(into: &grid, in: Rect(x: 0, y: 0, width: 30, height: 1))   // "■ BN  ■ no-BN"
/// ```
public struct Legend: Sendable, Hashable {
    /// The items, in order.
    public var entries: [LegendEntry]
    /// Marker and ellipsis characters.
    public var glyphs: Glyphs
    /// Style of the label text (the marker takes the entry's style).
    public var labelStyle: Style
    /// Written before the first entry, e.g. `last smoothed:`; empty for none.
    public var title: String = ""

    /// Creates a legend.
    public init(entries: [LegendEntry], glyphs: Glyphs = .unicode, labelStyle: Style = .plain) {
        self.entries = entries
        self.glyphs = glyphs
        self.labelStyle = labelStyle
    }

    /// Where each entry goes: its row, its column offset, and its (possibly truncated) label.
    /// An entry is `marker + space + label`; entries are two spaces apart.
    func placements(width: Int) -> [(row: Int, x: Int, index: Int, label: String)] {
        var out: [(row: Int, x: Int, index: Int, label: String)] = []
        var row = 0, x = showsTitle(width: width) ? title.count + 1 : 0
        for (i, entry) in entries.enumerated() {
            var label = entry.label
            var w = 2 + label.count
            if x > 0 && x + w > width {
                row += 1
                x = 0
            }
            if w > width {
                label = TextFitting.truncate(label, to: width - 2, ellipsis: glyphs.ellipsis)
                w = 2 + label.count
            }
            out.append((row, x, i, label))
            x += w + 2
        }
        return out
    }

    /// Whether the title is written: when there is one and the first entry fits beside it.
    func showsTitle(width: Int) -> Bool {
        guard !title.isEmpty, let first = entries.first else { return false }
        return title.count + 1 + 2 + first.label.count <= width
    }

    /// Rows needed to show every entry in `width` columns.
    public func rowsNeeded(width: Int) -> Int {
        guard width > 0, let last = placements(width: width).last else { return 0 }
        return last.row + 1
    }

    /// Draws the entries into `rect`; entries on rows past its height are left out.
    public func render(into grid: inout Grid, in rect: Rect) {
        guard !rect.isEmpty else { return }
        grid.clipped(to: rect) { g in
            if showsTitle(width: rect.width) { g.put(string: title, at: rect.origin, style: labelStyle) }
            for p in placements(width: rect.width) where p.row < rect.height {
                let y = rect.y + p.row, x = rect.x + p.x
                g[x, y] = Cell(entries[p.index].marker ?? glyphs.legendMarker, style: entries[p.index].style.removing(.dim))
                g.put(string: p.label, at: Point(x: x + 2, y: y), style: labelStyle)
            }
        }
    }
}
