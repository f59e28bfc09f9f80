/// A width × height buffer of styled cells that charts render into; the terminal layer flushes it.
///
/// Every write is clipped: to the grid's edges and, inside ``clipped(to:_:)``, to a sub-rectangle,
/// so a chart can never draw outside the region it was given.
///
/// ```swift
/// var grid = Grid(width: 20, height: 3)
/// grid.put(string: "loss 0.35", at: Point(x: 1, y: 1), style: .fg(.cyan))
/// grid.lines()[1]            // " loss 0.35          "
/// let changes = grid.diff(from: Grid(width: 20, height: 3))   // only the 9 written cells
/// ```
public struct Grid: Sendable, Equatable, CustomStringConvertible {
    /// Number of columns.
    public let width: Int
    /// Number of rows.
    public let height: Int
    /// The cells, row by row (`cells[y * width + x]`).
    public private(set) var cells: [Cell]
    /// Writes outside this rectangle are dropped; always inside ``bounds``.
    public private(set) var clipRect: Rect

    /// Creates a grid filled with `fill` (blank cells by default); negative sizes become 0.
    public init(width: Int, height: Int, fill: Cell = .blank) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.cells = Array(repeating: fill, count: self.width * self.height)
        self.clipRect = Rect(width: self.width, height: self.height)
    }

    /// The whole grid as a rectangle at the origin.
    public var bounds: Rect { Rect(width: width, height: height) }

    /// The cell at column `x`, row `y`; reading outside gives a blank cell, writing outside
    /// (or outside the current clip rectangle) does nothing.
    public subscript(_ x: Int, _ y: Int) -> Cell {
        get {
            guard x >= 0, y >= 0, x < width, y < height else { return .blank }
            return cells[y * width + x]
        }
        set {
            guard clipRect.contains(x: x, y: y) else { return }
            cells[y * width + x] = newValue
        }
    }

    /// The cell at `p` (see ``subscript(_:_:)``).
    public subscript(_ p: Point) -> Cell {
        get { self[p.x, p.y] }
        set { self[p.x, p.y] = newValue }
    }

    /// Writes `string` left to right from `origin`, one character per cell, clipped at the edges.
    ///
    /// With `maxWidth`, a longer string is first truncated to that many cells ending in `ellipsis`.
    /// Control characters are written as spaces. Returns the number of columns the text spans.
    @discardableResult
    public mutating func put(
        string: String, at origin: Point, style: Style = .plain,
        maxWidth: Int? = nil, ellipsis: Character = "…"
    ) -> Int {
        let text = maxWidth.map { TextFitting.truncate(string, to: $0, ellipsis: ellipsis) } ?? string
        var x = origin.x
        for ch in text {
            if x >= clipRect.maxX { x += 1; continue }
            self[x, origin.y] = Cell(TextFitting.sanitized(ch), style: style)
            x += 1
        }
        return x - origin.x
    }

    /// Writes one character at `p`.
    public mutating func put(character: Character, at p: Point, style: Style = .plain) {
        self[p.x, p.y] = Cell(TextFitting.sanitized(character), style: style)
    }

    /// Sets every cell of `rect` (the whole grid when nil) to `cell`.
    public mutating func fill(_ rect: Rect? = nil, with cell: Cell = .blank) {
        let r = (rect ?? bounds).intersection(clipRect)
        guard !r.isEmpty else { return }
        for y in r.y..<r.maxY {
            for x in r.x..<r.maxX { cells[y * width + x] = cell }
        }
    }

    /// Applies `transform` to the style of every cell of `rect`, keeping the characters.
    public mutating func restyle(_ rect: Rect, _ transform: (Style) -> Style) {
        let r = rect.intersection(clipRect)
        guard !r.isEmpty else { return }
        for y in r.y..<r.maxY {
            for x in r.x..<r.maxX { cells[y * width + x].style = transform(cells[y * width + x].style) }
        }
    }

    /// Runs `body` with writes limited to `rect` (intersected with the current clip), then restores
    /// the previous clip. This is how charts keep to the rectangle they were given.
    public mutating func clipped(to rect: Rect, _ body: (inout Grid) throws -> Void) rethrows {
        let saved = clipRect
        clipRect = clipRect.intersection(rect)
        defer { clipRect = saved }
        try body(&self)
    }

    /// A copy of the cells of `rect` as a new grid of that size (blank where `rect` leaves the grid).
    public func region(_ rect: Rect) -> Grid {
        var out = Grid(width: rect.width, height: rect.height)
        for y in 0..<out.height {
            for x in 0..<out.width { out.cells[y * out.width + x] = self[rect.x + x, rect.y + y] }
        }
        return out
    }

    /// Copies `other` into this grid with its top-left cell at `origin`, clipped.
    public mutating func blit(_ other: Grid, at origin: Point) {
        for y in 0..<other.height {
            for x in 0..<other.width { self[origin.x + x, origin.y + y] = other.cells[y * other.width + x] }
        }
    }

    /// The characters of each row, `width` characters per line (trailing spaces removed if asked).
    public func lines(trimmingTrailingSpaces: Bool = false) -> [String] {
        (0..<height).map { y in
            var line = String()
            line.reserveCapacity(width)
            for x in 0..<width { line.append(cells[y * width + x].character) }
            if trimmingTrailingSpaces {
                while line.last == " " { line.removeLast() }
            }
            return line
        }
    }

    /// The cells of this grid that differ from `previous`, row by row; every cell when the sizes differ.
    ///
    /// A backend keeps the last flushed grid and writes only these changes.
    public func diff(from previous: Grid) -> [CellChange] {
        var out: [CellChange] = []
        let sameSize = previous.width == width && previous.height == height
        for y in 0..<height {
            for x in 0..<width {
                let i = y * width + x
                if !sameSize || previous.cells[i] != cells[i] {
                    out.append(CellChange(x: x, y: y, cell: cells[i]))
                }
            }
        }
        return out
    }

    /// The plain text of the grid, one line per row, trailing spaces removed.
    public var description: String {
        lines(trimmingTrailingSpaces: true).joined(separator: "\n")
    }

    /// Grids are equal when they have the same size and cells (the clip rectangle is not compared).
    public static func == (lhs: Grid, rhs: Grid) -> Bool {
        lhs.width == rhs.width && lhs.height == rhs.height && lhs.cells == rhs.cells
    }
}
