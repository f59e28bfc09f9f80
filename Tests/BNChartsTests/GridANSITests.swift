import Testing
@testable import BNCharts

@Suite("Grid as ANSI text")
struct GridANSITests {
    @Test func stylesBecomeSGRSequencesOnlyWhereTheyChange() {
        var grid = Grid(width: 8, height: 2)
        grid.put(string: "ab", at: Point(x: 0, y: 0), style: .fg(.cyan))
        grid.put(string: "c", at: Point(x: 2, y: 0), style: Style(foreground: .red, attributes: .bold))
        grid.put(string: "d", at: Point(x: 3, y: 0))
        grid.put(string: "x", at: Point(x: 0, y: 1), style: Style(foreground: .indexed(208), background: .gray))
        let lines = grid.ansiLines(trimmingTrailingSpaces: true)
        #expect(lines[0] == "\u{1B}[0;36mab\u{1B}[0;1;31mc\u{1B}[0md")
        #expect(lines[1] == "\u{1B}[0;38;5;208;100mx\u{1B}[0m")
    }

    @Test func withoutStylesItIsThePlainText() {
        var grid = Grid(width: 6, height: 1)
        grid.put(string: "plain", at: Point(x: 0, y: 0))
        #expect(grid.ansiLines(trimmingTrailingSpaces: true) == grid.lines(trimmingTrailingSpaces: true))
    }

    @Test func reversedSpacesAreKeptAtTheEnd() {
        var grid = Grid(width: 4, height: 1)
        grid.put(string: "a ", at: Point(x: 0, y: 0), style: Style(attributes: .reverse))
        #expect(grid.ansiLines(trimmingTrailingSpaces: true) == ["\u{1B}[0;7ma \u{1B}[0m"])
    }
}
