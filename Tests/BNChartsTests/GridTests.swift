import Testing
@testable import BNCharts

@Suite("Grid")
struct GridTests {
    @Test func putWritesCellsWithStyle() {
        var grid = Grid(width: 10, height: 2)
        let n = grid.put(string: "loss", at: Point(x: 1, y: 1), style: .fg(.cyan))
        #expect(n == 4)
        #expect(grid.lines() == ["          ", " loss     "])
        #expect(grid[1, 1] == Cell("l", style: .fg(.cyan)))
        #expect(grid[0, 1] == .blank)
    }

    @Test func putIsClippedAtEveryEdge() {
        var grid = Grid(width: 5, height: 2)
        grid.put(string: "abcdefgh", at: Point(x: 3, y: 0))
        grid.put(string: "xyz", at: Point(x: -2, y: 1))
        grid.put(string: "never", at: Point(x: 0, y: 2))
        grid.put(string: "never", at: Point(x: 0, y: -1))
        #expect(grid.lines() == ["   ab", "z    "])
    }

    @Test func putTruncatesWithEllipsis() {
        var grid = Grid(width: 12, height: 1)
        grid.put(string: "running_mean", at: .zero, maxWidth: 8)
        #expect(grid.lines(trimmingTrailingSpaces: true) == ["running…"])
        #expect(TextFitting.truncate("abc", to: 3) == "abc")
        #expect(TextFitting.truncate("abcd", to: 1) == "…")
        #expect(TextFitting.truncate("abcd", to: 0) == "")
    }

    @Test func controlCharactersBecomeSpaces() {
        var grid = Grid(width: 6, height: 1)
        grid.put(string: "a\nb\tc", at: .zero)
        #expect(grid.lines() == ["a b c "])
    }

    @Test func subscriptOutsideReadsBlankAndIgnoresWrites() {
        var grid = Grid(width: 3, height: 3)
        grid[-1, 0] = Cell("x")
        grid[3, 0] = Cell("x")
        grid[0, 3] = Cell("x")
        grid[1, 1] = Cell("o")
        #expect(grid[-5, 99] == .blank)
        #expect(grid.description == "\n o\n")
    }

    @Test func clippedLimitsWritesAndRestoresClip() {
        var grid = Grid(width: 6, height: 3)
        let inner = Rect(x: 1, y: 1, width: 3, height: 1)
        grid.clipped(to: inner) { g in
            g.fill(with: Cell("#"))
            g.put(string: "abcdef", at: Point(x: 0, y: 0))
        }
        #expect(grid.lines() == ["      ", " ###  ", "      "])
        #expect(grid.clipRect == grid.bounds)
        grid.put(string: "z", at: .zero)
        #expect(grid[0, 0].character == "z")
    }

    @Test func nestedClipsIntersect() {
        var grid = Grid(width: 6, height: 1)
        grid.clipped(to: Rect(x: 0, y: 0, width: 4, height: 1)) { g in
            g.clipped(to: Rect(x: 2, y: 0, width: 4, height: 1)) { g2 in g2.fill(with: Cell("#")) }
        }
        #expect(grid.lines() == ["  ##  "])
    }

    @Test func diffListsOnlyChangedCells() {
        let before = Grid(width: 4, height: 2)
        var after = before
        after[2, 1] = Cell("x", style: .fg(.red))
        after[0, 0] = Cell(" ", style: .bg(.blue))   // same character, other style: still a change
        let changes = after.diff(from: before)
        #expect(changes == [
            CellChange(x: 0, y: 0, cell: Cell(" ", style: .bg(.blue))),
            CellChange(x: 2, y: 1, cell: Cell("x", style: .fg(.red))),
        ])
        #expect(after.diff(from: after).isEmpty)
        #expect(after != before)
    }

    @Test func diffAfterResizeListsEveryCell() {
        let small = Grid(width: 2, height: 2)
        let large = Grid(width: 3, height: 2)
        #expect(large.diff(from: small).count == 6)
    }

    @Test func regionAndBlitRoundTrip() {
        var grid = Grid(width: 5, height: 3)
        grid.put(string: "hello", at: Point(x: 0, y: 1))
        let part = grid.region(Rect(x: 1, y: 1, width: 3, height: 1))
        #expect(part.lines() == ["ell"])
        var other = Grid(width: 4, height: 2)
        other.blit(part, at: Point(x: 2, y: 1))
        #expect(other.lines() == ["    ", "  el"])
        #expect(grid.region(Rect(x: 4, y: 2, width: 2, height: 2)).lines() == ["  ", "  "])
    }

    @Test func fillAndRestyle() {
        var grid = Grid(width: 4, height: 2)
        grid.fill(Rect(x: 1, y: 0, width: 2, height: 5), with: Cell("."))
        grid.restyle(Rect(x: 0, y: 0, width: 2, height: 1)) { $0.adding(.bold) }
        #expect(grid.lines() == [" .. ", " .. "])
        #expect(grid[1, 0].style.attributes == .bold)
        #expect(grid[2, 0].style.attributes.isEmpty)
    }

    @Test func degenerateSizes() {
        let empty = Grid(width: 0, height: 0)
        #expect(empty.lines().isEmpty)
        #expect(empty.description == "")
        let negative = Grid(width: -3, height: 2)
        #expect(negative.width == 0)
        #expect(negative.lines() == ["", ""])
    }
}
