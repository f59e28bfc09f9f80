import Testing
@testable import BNCharts

@Suite("Braille")
struct BrailleTests {
    @Test func dotBitLayout() {
        // Left column top→bottom: dots 1 2 3 7; right column: dots 4 5 6 8.
        #expect((0..<4).map { BrailleDots.bit(dx: 0, dy: $0) } == [0x01, 0x02, 0x04, 0x40])
        #expect((0..<4).map { BrailleDots.bit(dx: 1, dy: $0) } == [0x08, 0x10, 0x20, 0x80])
        #expect(BrailleDots.bit(dx: 2, dy: 0) == 0)
        #expect(BrailleDots.bit(dx: 0, dy: -1) == 0)
        #expect(BrailleDots.character(0) == "\u{2800}")
        #expect(BrailleDots.character(0xFF) == "⣿")
    }

    @Test func singleDotsMapToCodePoints() {
        let expected: [(Int, Int, UInt32)] = [(0, 0, 0x2801), (1, 3, 0x2880), (0, 3, 0x2840), (1, 0, 0x2808), (0, 1, 0x2802)]
        for (x, y, code) in expected {
            var canvas = BrailleCanvas(columns: 1, rows: 1)
            canvas.set(x: x, y: y)
            var grid = Grid(width: 1, height: 1)
            canvas.render(into: &grid, at: .zero)
            #expect(grid[0, 0].character.unicodeScalars.first?.value == code, "dot (\(x), \(y))")
        }
    }

    @Test func allDotsOfACellFillThePattern() {
        var canvas = BrailleCanvas(columns: 2, rows: 1)
        for y in 0..<4 { for x in 2..<4 { canvas.set(x: x, y: y) } }
        var grid = Grid(width: 2, height: 1)
        canvas.render(into: &grid, at: .zero)
        #expect(grid.lines() == [" ⣿"])     // the empty cell is not written
        #expect(canvas.pattern(column: 1, row: 0) == 0xFF)
    }

    @Test func dotsLandInTheRightCell() {
        var canvas = BrailleCanvas(columns: 3, rows: 2)   // 6 × 8 dots
        canvas.set(x: 5, y: 7)
        canvas.set(x: 2, y: 4)
        #expect(canvas.pattern(column: 2, row: 1) == 0x80)
        #expect(canvas.pattern(column: 1, row: 1) == 0x01)
        #expect(canvas.isSet(x: 5, y: 7))
        #expect(!canvas.isSet(x: 4, y: 7))
    }

    @Test func diagonalLineGoesBottomLeftToTopRight() {
        var canvas = BrailleCanvas(columns: 10, rows: 5)   // 20 × 20 dots
        canvas.line(from: Point(x: 0, y: 19), to: Point(x: 19, y: 0), style: .fg(.green))
        for i in 0..<20 { #expect(canvas.isSet(x: i, y: 19 - i)) }
        var grid = Grid(width: 10, height: 5)
        canvas.render(into: &grid, at: .zero)
        #expect(brailleBits(grid[0, 4].character).map { $0 & 0x40 != 0 } == true)   // bottom-left dot
        #expect(brailleBits(grid[9, 0].character).map { $0 & 0x08 != 0 } == true)   // top-right dot
        #expect(grid[9, 4] == .blank)
        #expect(grid[0, 4].style.foreground == .green)
    }

    @Test func steepAndReverseLinesAreContinuous() {
        var canvas = BrailleCanvas(columns: 2, rows: 4)   // 4 × 16 dots
        canvas.line(from: Point(x: 3, y: 15), to: Point(x: 0, y: 0))
        for y in 0..<16 { #expect((0..<4).contains { canvas.isSet(x: $0, y: y) }, "row \(y)") }
    }

    @Test func linesAreClippedAndNonFiniteIgnored() {
        var canvas = BrailleCanvas(columns: 4, rows: 2)
        canvas.line(fromX: -1e300, fromY: 4, toX: 1e300, toY: 4)
        for x in 0..<8 { #expect(canvas.isSet(x: x, y: 4)) }
        var untouched = BrailleCanvas(columns: 4, rows: 2)
        untouched.line(fromX: .nan, fromY: 0, toX: 3, toY: 3)
        untouched.line(fromX: 0, fromY: .infinity, toX: 3, toY: 3)
        untouched.line(fromX: -10, fromY: -10, toX: -1, toY: -5)
        untouched.set(x: 8, y: 0)
        untouched.set(x: -1, y: 0)
        #expect(untouched == BrailleCanvas(columns: 4, rows: 2))
    }

    @Test func priorityAndLastWriterDecideCellStyle() {
        var canvas = BrailleCanvas(columns: 1, rows: 1)
        canvas.set(x: 0, y: 0, style: .fg(.red), priority: 5)
        canvas.set(x: 1, y: 0, style: .fg(.blue), priority: 1)
        var grid = Grid(width: 1, height: 1)
        canvas.render(into: &grid, at: .zero)
        #expect(grid[0, 0].style.foreground == .red)
        canvas.set(x: 1, y: 1, style: .fg(.green), priority: 5)
        canvas.render(into: &grid, at: .zero)
        #expect(grid[0, 0].style.foreground == .green)
        let expected: UInt8 = 0x01 | 0x08 | 0x10
        #expect(brailleBits(grid[0, 0].character) == expected)
    }

    @Test func cellResolutionDrawsAsciiPoints() {
        var canvas = BrailleCanvas(columns: 4, rows: 2, resolution: .cell)
        #expect(canvas.pixelWidth == 4 && canvas.pixelHeight == 2)
        canvas.line(from: Point(x: 0, y: 1), to: Point(x: 3, y: 0))
        var grid = Grid(width: 4, height: 2)
        canvas.render(into: &grid, at: .zero, glyphs: .ascii)
        #expect(grid.lines() == ["  **", "**  "])
    }

    @Test func brailleCanvasWithAsciiGlyphsStaysAscii() {
        var canvas = BrailleCanvas(columns: 3, rows: 1)
        canvas.line(from: Point(x: 0, y: 0), to: Point(x: 5, y: 3))
        var grid = Grid(width: 3, height: 1)
        canvas.render(into: &grid, at: .zero, glyphs: .ascii)
        #expect(grid.lines() == ["***"])
    }

    @Test func renderIsClippedToTheGrid() {
        var canvas = BrailleCanvas(columns: 4, rows: 4)
        canvas.line(from: Point(x: 0, y: 0), to: Point(x: 7, y: 15))
        var grid = Grid(width: 2, height: 2)
        canvas.render(into: &grid, at: Point(x: -1, y: -1))
        canvas.render(into: &grid, at: Point(x: 1, y: 1))
        #expect(grid.width == 2 && grid.height == 2)
    }

    @Test func zeroSizedCanvas() {
        var canvas = BrailleCanvas(columns: 0, rows: 0)
        canvas.line(from: .zero, to: Point(x: 5, y: 5))
        canvas.set(x: 0, y: 0)
        #expect(!canvas.isSet(x: 0, y: 0))
    }
}
