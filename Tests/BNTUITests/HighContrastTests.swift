import BNCharts
import Testing
@testable import BNTUI

@Suite("High contrast: bold, bright, nothing dim, thicker lines")
struct HighContrastTests {
    /// Every screen worth projecting: charts with data, help, a replay with a lesson, the browser.
    static func states() throws -> [WorkbenchState] {
        var out: [WorkbenchState] = []
        for keys: [Key] in [[.character("1")], [.character("2")], [.character("3")], [.character("n")], [.character("?")]] {
            var state = Fixtures.state(runs: Fixtures.runs())
            state.highContrast = true
            Fixtures.press(keys, &state)
            out.append(state)
        }
        var lesson = try LessonTests.started()
        lesson.highContrast = true
        _ = WorkbenchUpdate.update(&lesson, .tick(seconds: 10))
        out.append(lesson)
        var browser = Fixtures.state()
        browser.highContrast = true
        _ = WorkbenchUpdate.update(&browser, .savedRunsListed(runs: RunsBrowserTests.listing(), failures: []))
        out.append(browser)
        return out
    }

    @Test func noCellIsDimAndTextIsBold() throws {
        for state in try Self.states() {
            for size in [Fixtures.size, TerminalSize(width: 80, height: 24)] {
                let grid = WorkbenchView.render(state, size: size, glyphs: .unicode)
                var dim = 0, plainText = 0
                for y in 0..<grid.height {
                    for x in 0..<grid.width {
                        let cell = grid[x, y]
                        if cell.style.attributes.contains(.dim) { dim += 1 }
                        if cell.character != " ", !cell.style.attributes.contains(.bold) { plainText += 1 }
                        #expect(cell.style.background == .default || cell.character == " ")
                    }
                }
                #expect(dim == 0, "\(dim) dim cells at \(size) (chart \(state.chart))")
                #expect(plainText == 0, "\(plainText) non-bold cells at \(size)")
            }
        }
    }

    @Test func theNormalLookStillUsesDim() {
        let state = Fixtures.state(runs: Fixtures.runs())
        let grid = WorkbenchView.render(state, size: Fixtures.size, glyphs: .unicode)
        #expect((0..<grid.height).contains { y in (0..<grid.width).contains { grid[$0, y].style.attributes.contains(.dim) } })
    }

    @Test func brailleLinesAreDrawnTwiceOneDotApart() {
        var grid = Grid(width: 1, height: 2)
        grid[0, 0] = Cell("\u{2801}")           // top-left dot
        grid[0, 1] = Cell("\u{2840}")           // bottom-left dot
        HighContrast.apply(to: &grid)
        #expect(grid[0, 0].character == "\u{2803}")   // rows 0 and 1
        #expect(grid[0, 1].character == "\u{2840}")   // nothing below to carry into
        var line = Grid(width: 1, height: 2)
        line[0, 0] = Cell("\u{2880}")           // bottom-right dot …
        line[0, 1] = Cell("\u{2800}")           // … carried into the braille cell below
        HighContrast.apply(to: &line)
        #expect(line[0, 1].character == "\u{2808}")
    }

    @Test func hTogglesItAndColorsBecomeBright() {
        var state = Fixtures.state()
        Fixtures.press([.character("H")], &state)
        #expect(state.highContrast)
        Fixtures.press([.character("H")], &state)
        #expect(!state.highContrast)
        #expect(HighContrast.bright(.cyan) == .indexed(14))
        let brand = HighContrast.style(Style(foreground: .black, background: .cyan, attributes: .bold))
        #expect(brand.background == .default && brand.attributes.contains(.reverse) && brand.foreground == .indexed(14))
    }
}
