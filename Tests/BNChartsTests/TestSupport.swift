@testable import BNCharts

/// Whether `c` is a single braille pattern character (U+2800–U+28FF).
func isBraille(_ c: Character) -> Bool {
    brailleBits(c) != nil
}

/// The dot bits of a braille character, nil for anything else.
func brailleBits(_ c: Character) -> UInt8? {
    let scalars = c.unicodeScalars
    guard scalars.count == 1, let s = scalars.first, (0x2800...0x28FF).contains(s.value) else { return nil }
    return UInt8(s.value - 0x2800)
}

/// Whether a cell shows at least one plotted dot (a non-empty braille pattern, or the ASCII point).
func hasDots(_ cell: Cell) -> Bool {
    if let bits = brailleBits(cell.character) { return bits != 0 }
    return cell.character == Glyphs.ascii.plotPoint
}

/// Whether every cell of the grid holds an ASCII character.
func isAllASCII(_ grid: Grid) -> Bool {
    grid.cells.allSatisfy { $0.character.isASCII }
}

/// The index of the first line of `grid` containing `text`.
func row(containing text: String, in grid: Grid) -> Int? {
    grid.lines().firstIndex { $0.contains(text) }
}

/// Total eighths of a horizontal bar drawn in row `y` with foreground `color`.
func barEighths(in grid: Grid, row y: Int, color: ChartColor) -> Int {
    let blocks = Glyphs.unicode.horizontalBlocks
    var total = 0
    for x in 0..<grid.width {
        let cell = grid[x, y]
        guard cell.style.foreground == color, let k = blocks.firstIndex(of: cell.character) else { continue }
        total += k
    }
    return total
}

/// A grid filled with a sentinel cell, to check that rendering leaves everything outside a rect alone.
func sentinelGrid(width: Int, height: Int) -> Grid {
    Grid(width: width, height: height, fill: Cell("@", style: Style(foreground: .red, attributes: .underline)))
}

/// Whether every cell of `grid` outside `rect` still holds the sentinel of ``sentinelGrid(width:height:)``.
func untouchedOutside(_ rect: Rect, in grid: Grid) -> Bool {
    let sentinel = Cell("@", style: Style(foreground: .red, attributes: .underline))
    for y in 0..<grid.height {
        for x in 0..<grid.width where !rect.contains(x: x, y: y) {
            if grid[x, y] != sentinel { return false }
        }
    }
    return true
}

/// Population variance.
func variance(_ xs: [Double]) -> Double {
    let m = xs.reduce(0, +) / Double(xs.count)
    return xs.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(xs.count)
}
