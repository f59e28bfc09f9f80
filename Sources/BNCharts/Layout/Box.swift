/// A border around a rectangle with an optional title: `┌─ Loss ─────┐` (ASCII `+- Loss -----+`).
///
/// ```swift
/// let box = Box(title: "Loss", glyphs: .unicode)
/// box.render(into: &grid, in: pane)
/// chart.render(into: &grid, in: box.inner(pane))
/// ```
public struct Box: Sendable, Hashable {
    /// Shown on the top border; truncated with an ellipsis when long.
    public var title: String?
    /// Style of the border lines.
    public var borderStyle: Style
    /// Style of the title text.
    public var titleStyle: Style
    /// Box-drawing or ASCII `+-|` characters.
    public var glyphs: Glyphs

    /// Creates a box.
    public init(title: String? = nil, style: Style = .plain, titleStyle: Style = Style(attributes: .bold), glyphs: Glyphs = .unicode) {
        self.title = title
        self.borderStyle = style
        self.titleStyle = titleStyle
        self.glyphs = glyphs
    }

    /// The area inside the border (the whole `rect` when it is too small for a border).
    public func inner(_ rect: Rect) -> Rect {
        rect.width >= 2 && rect.height >= 2 ? rect.inset(by: 1) : rect
    }

    /// Draws the border and title on the edge of `rect` (nothing when `rect` is under 2×2) and
    /// returns the inner rectangle.
    @discardableResult
    public func render(into grid: inout Grid, in rect: Rect) -> Rect {
        guard rect.width >= 2, rect.height >= 2 else { return rect }
        grid.clipped(to: rect) { g in
            let x0 = rect.x, x1 = rect.maxX - 1, y0 = rect.y, y1 = rect.maxY - 1
            for x in (x0 + 1)..<x1 {
                g[x, y0] = Cell(glyphs.horizontal, style: borderStyle)
                g[x, y1] = Cell(glyphs.horizontal, style: borderStyle)
            }
            for y in (y0 + 1)..<y1 {
                g[x0, y] = Cell(glyphs.vertical, style: borderStyle)
                g[x1, y] = Cell(glyphs.vertical, style: borderStyle)
            }
            g[x0, y0] = Cell(glyphs.topLeft, style: borderStyle)
            g[x1, y0] = Cell(glyphs.topRight, style: borderStyle)
            g[x0, y1] = Cell(glyphs.bottomLeft, style: borderStyle)
            g[x1, y1] = Cell(glyphs.bottomRight, style: borderStyle)
            // Title layout: corner, one rule, space, title, space, at least one rule, corner.
            if let title, !title.isEmpty {
                let room = rect.width - 6
                if room >= 1 {
                    let text = TextFitting.truncate(title, to: room, ellipsis: glyphs.ellipsis)
                    g.put(string: " \(text) ", at: Point(x: x0 + 2, y: y0), style: titleStyle)
                }
            }
        }
        return inner(rect)
    }
}
