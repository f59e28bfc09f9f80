/// A dot canvas over a `columns × rows` cell region: (2·columns) × (4·rows) dots in braille mode,
/// one dot per cell in ASCII mode. Pixel `(0, 0)` is the top-left dot; y grows downward.
///
/// Each cell remembers the style of the last dot drawn into it, unless an earlier dot had a higher
/// `priority`. Rendering writes only cells that have at least one dot, so what is under the canvas
/// (grid lines, a cursor) shows through empty cells.
///
/// ```swift
/// var canvas = BrailleCanvas(columns: 10, rows: 3)                  // 20 × 12 dots
/// canvas.line(from: Point(x: 0, y: 11), to: Point(x: 19, y: 0), style: .fg(.green))
/// canvas.render(into: &grid, at: Point(x: 2, y: 1), glyphs: .unicode)
/// ```
public struct BrailleCanvas: Sendable, Equatable {
    /// Width in cells.
    public let columns: Int
    /// Height in cells.
    public let rows: Int
    /// Dots per cell.
    public let resolution: CanvasResolution

    private var bits: [UInt8]
    private var styles: [Style]
    private var priorities: [Int]
    private var marks: [Character?]

    /// Creates an empty canvas; negative sizes become 0.
    public init(columns: Int, rows: Int, resolution: CanvasResolution = .braille) {
        self.columns = max(0, columns)
        self.rows = max(0, rows)
        self.resolution = resolution
        let n = self.columns * self.rows
        bits = Array(repeating: 0, count: n)
        styles = Array(repeating: .plain, count: n)
        priorities = Array(repeating: Int.min, count: n)
        marks = Array(repeating: nil, count: n)
    }

    /// Width in dots.
    public var pixelWidth: Int { columns * resolution.dotsAcross }
    /// Height in dots.
    public var pixelHeight: Int { rows * resolution.dotsDown }

    /// Sets the dot at pixel `(x, y)`; dots outside the canvas are ignored. `mark`, when given, is
    /// the character a one-dot-per-cell canvas shows for the cell (instead of the plot point).
    public mutating func set(x: Int, y: Int, style: Style = .plain, priority: Int = 0, mark: Character? = nil) {
        guard x >= 0, y >= 0, x < pixelWidth, y < pixelHeight else { return }
        let cx = x / resolution.dotsAcross, cy = y / resolution.dotsDown
        let i = cy * columns + cx
        let bit: UInt8 = resolution == .braille
            ? BrailleDots.bit(dx: x % 2, dy: y % 4)
            : 1
        bits[i] |= bit
        if priority >= priorities[i] {
            priorities[i] = priority
            styles[i] = style
            marks[i] = mark
        }
    }

    /// Whether the dot at pixel `(x, y)` is set.
    public func isSet(x: Int, y: Int) -> Bool {
        guard x >= 0, y >= 0, x < pixelWidth, y < pixelHeight else { return false }
        let cx = x / resolution.dotsAcross, cy = y / resolution.dotsDown
        let bit: UInt8 = resolution == .braille ? BrailleDots.bit(dx: x % 2, dy: y % 4) : 1
        return bits[cy * columns + cx] & bit != 0
    }

    /// The dot pattern of cell `(column, row)` (braille bits; 0 or 1 in cell mode).
    public func pattern(column: Int, row: Int) -> UInt8 {
        guard column >= 0, row >= 0, column < columns, row < rows else { return 0 }
        return bits[row * columns + column]
    }

    /// Draws a straight line between two pixels (both ends included), clipped to the canvas.
    public mutating func line(from a: Point, to b: Point, style: Style = .plain, priority: Int = 0) {
        line(fromX: Double(a.x), fromY: Double(a.y), toX: Double(b.x), toY: Double(b.y), style: style, priority: priority)
    }

    /// Draws a line between two points in (fractional) pixel coordinates.
    ///
    /// The segment is first clipped to the canvas (Liang–Barsky), so far-away or huge coordinates
    /// cost nothing; non-finite coordinates draw nothing. The clipped ends are rounded to pixels
    /// and joined with Bresenham's algorithm.
    public mutating func line(
        fromX x0: Double, fromY y0: Double, toX x1: Double, toY y1: Double,
        style: Style = .plain, priority: Int = 0, mark: Character? = nil
    ) {
        guard pixelWidth > 0, pixelHeight > 0,
              let (a, b) = Self.clip(x0, y0, x1, y1, maxX: Double(pixelWidth - 1), maxY: Double(pixelHeight - 1)),
              let ax = ChartMath.roundedInt(a.0), let ay = ChartMath.roundedInt(a.1),
              let bx = ChartMath.roundedInt(b.0), let by = ChartMath.roundedInt(b.1)
        else { return }
        bresenham(ax, ay, bx, by, style: style, priority: priority, mark: mark)
    }

    /// Sets the dot nearest to a fractional pixel position.
    public mutating func plot(x: Double, y: Double, style: Style = .plain, priority: Int = 0, mark: Character? = nil) {
        guard let px = ChartMath.roundedInt(x), let py = ChartMath.roundedInt(y) else { return }
        set(x: px, y: py, style: style, priority: priority, mark: mark)
    }

    /// Bresenham's line: step along the major axis, carrying the error term
    /// `err = dx + dy` (with `dy ≤ 0`) and stepping the minor axis when `2·err` crosses it.
    private mutating func bresenham(_ x0: Int, _ y0: Int, _ x1: Int, _ y1: Int, style: Style, priority: Int, mark: Character?) {
        var x = x0, y = y0
        let dx = abs(x1 - x0), sx = x0 < x1 ? 1 : -1
        let dy = -abs(y1 - y0), sy = y0 < y1 ? 1 : -1
        var err = dx + dy
        while true {
            set(x: x, y: y, style: style, priority: priority, mark: mark)
            if x == x1 && y == y1 { break }
            let e2 = 2 * err
            if e2 >= dy { err += dy; x += sx }
            if e2 <= dx { err += dx; y += sy }
        }
    }

    /// Liang–Barsky: the part of segment (x0,y0)–(x1,y1) inside [0, maxX] × [0, maxY], or nil.
    static func clip(
        _ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double, maxX: Double, maxY: Double
    ) -> ((Double, Double), (Double, Double))? {
        guard x0.isFinite, y0.isFinite, x1.isFinite, y1.isFinite else { return nil }
        let dx = x1 - x0, dy = y1 - y0
        guard dx.isFinite, dy.isFinite else { return nil }
        var t0 = 0.0, t1 = 1.0
        // Which edge (0 left, 1 right, 2 top, 3 bottom) limited each end, if any.
        var edge0: Int?, edge1: Int?
        let p = [-dx, dx, -dy, dy]
        let q = [x0, maxX - x0, y0, maxY - y0]
        for i in 0..<4 {
            if p[i] == 0 {
                if q[i] < 0 { return nil }
            } else {
                let r = q[i] / p[i]
                if p[i] < 0 {
                    if r > t1 { return nil }
                    if r > t0 { t0 = r; edge0 = i }
                } else {
                    if r < t0 { return nil }
                    if r < t1 { t1 = r; edge1 = i }
                }
            }
        }
        // x0 + t·dx loses the edge's position when the segment is huge next to the canvas, so an
        // end clipped by an edge is put exactly on that edge.
        func point(_ t: Double, _ edge: Int?) -> (Double, Double) {
            var x = x0 + t * dx, y = y0 + t * dy
            switch edge {
            case 0: x = 0
            case 1: x = maxX
            case 2: y = 0
            case 3: y = maxY
            default: break
            }
            return (min(max(x, 0), maxX), min(max(y, 0), maxY))
        }
        return (point(t0, edge0), point(t1, edge1))
    }

    /// Writes every cell that has a dot into `grid` with `origin` as the canvas's top-left cell:
    /// braille patterns in Unicode mode, the plot point otherwise. Empty cells are left alone.
    public func render(into grid: inout Grid, at origin: Point, glyphs: Glyphs = .unicode) {
        for row in 0..<rows {
            for col in 0..<columns {
                let i = row * columns + col
                let b = bits[i]
                guard b != 0 else { continue }
                let ch: Character = resolution == .braille && glyphs.isUnicode
                    ? BrailleDots.character(b)
                    : marks[i] ?? glyphs.plotPoint
                grid[origin.x + col, origin.y + row] = Cell(ch, style: styles[i])
            }
        }
    }
}
