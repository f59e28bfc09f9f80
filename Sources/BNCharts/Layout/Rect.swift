/// A rectangle of cells: origin `(x, y)` at the top-left, `width` columns by `height` rows.
///
/// ```swift
/// let screen = Rect(width: 80, height: 24)
/// let (header, body) = screen.splitTop(1)
/// let panes = body.columns([.percent(60), .rest])   // side by side
/// ```
public struct Rect: Sendable, Hashable {
    /// Left column.
    public var x: Int
    /// Top row.
    public var y: Int
    /// Number of columns (never negative).
    public var width: Int
    /// Number of rows (never negative).
    public var height: Int

    /// Creates a rectangle; negative sizes become 0.
    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    /// A rectangle at the origin.
    public init(width: Int, height: Int) {
        self.init(x: 0, y: 0, width: width, height: height)
    }

    /// One past the last column.
    public var maxX: Int { x + width }
    /// One past the last row.
    public var maxY: Int { y + height }
    /// The top-left cell.
    public var origin: Point { Point(x: x, y: y) }
    /// True when the rectangle holds no cell.
    public var isEmpty: Bool { width == 0 || height == 0 }
    /// Number of cells.
    public var area: Int { width * height }

    /// Whether the cell `(x, y)` lies inside.
    public func contains(x px: Int, y py: Int) -> Bool {
        px >= x && px < maxX && py >= y && py < maxY
    }

    /// Whether the cell `p` lies inside.
    public func contains(_ p: Point) -> Bool { contains(x: p.x, y: p.y) }

    /// The cells in both rectangles (an empty rectangle when they do not overlap).
    public func intersection(_ other: Rect) -> Rect {
        let x0 = max(x, other.x), y0 = max(y, other.y)
        let x1 = min(maxX, other.maxX), y1 = min(maxY, other.maxY)
        return Rect(x: x0, y: y0, width: x1 - x0, height: y1 - y0)
    }

    /// The rectangle shrunk by `n` cells on every side.
    public func inset(by n: Int) -> Rect { inset(top: n, left: n, bottom: n, right: n) }

    /// The rectangle shrunk by the given margins (never below zero size).
    public func inset(top: Int = 0, left: Int = 0, bottom: Int = 0, right: Int = 0) -> Rect {
        Rect(x: x + left, y: y + top, width: width - left - right, height: height - top - bottom)
    }

    /// Splits the rectangle along `direction` (see ``SplitDirection``) into parts sized by `constraints`.
    public func split(_ direction: SplitDirection, _ constraints: [LayoutConstraint]) -> [Rect] {
        switch direction {
        case .horizontal: return columns(constraints)
        case .vertical: return rows(constraints)
        }
    }

    /// Side-by-side parts, left to right, splitting the width.
    public func columns(_ constraints: [LayoutConstraint]) -> [Rect] {
        var cx = x
        return LayoutConstraint.sizes(constraints, total: width).map { w in
            defer { cx += w }
            return Rect(x: cx, y: y, width: w, height: height)
        }
    }

    /// Stacked parts, top to bottom, splitting the height.
    public func rows(_ constraints: [LayoutConstraint]) -> [Rect] {
        var cy = y
        return LayoutConstraint.sizes(constraints, total: height).map { h in
            defer { cy += h }
            return Rect(x: x, y: cy, width: width, height: h)
        }
    }

    /// The top `n` rows and the rest.
    public func splitTop(_ n: Int) -> (top: Rect, rest: Rect) {
        let parts = rows([.fixed(n), .rest])
        return (parts[0], parts[1])
    }

    /// The rest and the bottom `n` rows.
    public func splitBottom(_ n: Int) -> (rest: Rect, bottom: Rect) {
        let k = min(max(0, n), height)
        return (Rect(x: x, y: y, width: width, height: height - k), Rect(x: x, y: maxY - k, width: width, height: k))
    }

    /// The left `n` columns and the rest.
    public func splitLeft(_ n: Int) -> (left: Rect, rest: Rect) {
        let parts = columns([.fixed(n), .rest])
        return (parts[0], parts[1])
    }
}

/// The direction of a ``Rect/split(_:_:)``, named as in ratatui: `horizontal` lays the parts out
/// side by side (splitting the width), `vertical` stacks them (splitting the height).
public enum SplitDirection: Sendable, Hashable {
    case horizontal
    case vertical
}
