import Testing
@testable import BNCharts

@Suite("Layout")
struct LayoutTests {
    @Test func columnsWithFixedAndFill() {
        let parts = Rect(x: 2, y: 1, width: 20, height: 5).columns([.fixed(5), .rest, .fixed(3)])
        #expect(parts == [
            Rect(x: 2, y: 1, width: 5, height: 5),
            Rect(x: 7, y: 1, width: 12, height: 5),
            Rect(x: 19, y: 1, width: 3, height: 5),
        ])
    }

    @Test func rowsWithRatiosAndWeights() {
        let parts = Rect(width: 10, height: 10).rows([.ratio(1, 2), .fill(1), .fill(3)])
        #expect(parts.map(\.height) == [5, 1, 4])
        #expect(parts.map(\.y) == [0, 5, 6])
        #expect(parts.map(\.height).reduce(0, +) == 10)
    }

    @Test func splitDirectionsFollowRatatui() {
        let r = Rect(width: 10, height: 4)
        #expect(r.split(.horizontal, [.percent(50), .rest]).map(\.width) == [5, 5])
        #expect(r.split(.vertical, [.percent(50), .rest]).map(\.height) == [2, 2])
    }

    @Test func oversizedConstraintsAreClamped() {
        let parts = Rect(width: 6, height: 1).columns([.fixed(4), .fixed(4), .rest])
        #expect(parts.map(\.width) == [4, 2, 0])
        #expect(Rect(width: 0, height: 0).columns([.rest, .fixed(3)]).map(\.width) == [0, 0])
    }

    @Test func rectGeometry() {
        let a = Rect(x: 0, y: 0, width: 5, height: 5)
        let b = Rect(x: 3, y: 4, width: 5, height: 5)
        #expect(a.intersection(b) == Rect(x: 3, y: 4, width: 2, height: 1))
        #expect(a.intersection(Rect(x: 10, y: 10, width: 1, height: 1)).isEmpty)
        #expect(a.inset(by: 3).isEmpty)
        #expect(Rect(x: 0, y: 0, width: -4, height: 2).width == 0)
        #expect(a.contains(Point(x: 4, y: 4)))
        #expect(!a.contains(Point(x: 5, y: 4)))
        let (top, rest) = a.splitTop(2)
        #expect(top.height == 2 && rest.y == 2 && rest.height == 3)
        let (_, bottom) = a.splitBottom(9)
        #expect(bottom == a)
    }

    @Test func unicodeBoxWithTitle() {
        var grid = Grid(width: 10, height: 3)
        let inner = Box(title: "Loss").render(into: &grid, in: grid.bounds)
        #expect(grid.lines() == ["┌─ Loss ─┐", "│        │", "└────────┘"])
        #expect(inner == Rect(x: 1, y: 1, width: 8, height: 1))
    }

    @Test func asciiBoxWithTitle() {
        var grid = Grid(width: 10, height: 3)
        Box(title: "Loss", glyphs: .ascii).render(into: &grid, in: grid.bounds)
        #expect(grid.lines() == ["+- Loss -+", "|        |", "+--------+"])
    }

    @Test func longTitleIsTruncated() {
        var grid = Grid(width: 10, height: 2)
        Box(title: "Running mean").render(into: &grid, in: grid.bounds)
        #expect(grid.lines()[0] == "┌─ Run… ─┐")
    }

    @Test func tinyBoxes() {
        for (w, h) in [(0, 0), (1, 1), (2, 2), (3, 2), (1, 5), (5, 1)] {
            var grid = Grid(width: w, height: h)
            let inner = Box(title: "Loss").render(into: &grid, in: grid.bounds)
            #expect(inner.width <= w && inner.height <= h)
        }
        var grid = Grid(width: 2, height: 2)
        Box().render(into: &grid, in: grid.bounds)
        #expect(grid.lines() == ["┌┐", "└┘"])
    }
}
