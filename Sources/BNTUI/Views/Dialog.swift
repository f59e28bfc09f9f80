import BNCharts

/// A centered, cleared box over the workbench; returns the inside to draw into.
enum Dialog {
    /// Clears a `width × height` box centered in `screen` (clamped to it), draws its border and title,
    /// and returns the inner rectangle.
    static func open(title: String, width: Int, height: Int, in screen: Rect, into grid: inout Grid, glyphs: Glyphs) -> Rect {
        let w = min(width, screen.width), h = min(height, screen.height)
        let rect = Rect(x: screen.x + (screen.width - w) / 2, y: screen.y + (screen.height - h) / 2, width: w, height: h)
        grid.fill(rect, with: .blank)
        return Box(title: title, style: Theme.focusedBorder, titleStyle: Theme.boxTitle, glyphs: glyphs).render(into: &grid, in: rect)
    }
}
