import BNCharts
import Foundation
import Testing
@testable import BNTUI

@Suite("Screens harness: style codes, diffs, golden files, invariants, fixture runs")
struct ScreensHarnessTests {
    /// A 4×2 grid: `ab` in bold red on the first row, a reversed cyan `c` on blue on the second.
    private func sampleGrid() -> Grid {
        var grid = Grid(width: 4, height: 2)
        grid.put(string: "ab", at: Point(x: 0, y: 0), style: Style(foreground: .red, attributes: .bold))
        grid.put(character: "c", at: Point(x: 1, y: 1), style: Style(foreground: .cyan, background: .blue, attributes: .reverse))
        return grid
    }

    private let screen = ScreenCase(name: "sample", summary: "a sample", runs: ["x/y.jsonl"], keys: [.character("1")])

    @Test func eachBlockEncodesOneFacetPerCellAndTrimsBlanks() {
        let grid = sampleGrid()
        #expect(ScreenText.rows(of: grid, block: .text, mode: .color) == ["ab", " c"])
        #expect(ScreenText.rows(of: grid, block: .foreground, mode: .color) == ["rr", ".c"])
        #expect(ScreenText.rows(of: grid, block: .background, mode: .color) == ["", ".b"])
        #expect(ScreenText.rows(of: grid, block: .attributes, mode: .color) == ["11", ".4"])
        // Without colours the attributes stay and the colours go.
        #expect(ScreenText.rows(of: grid, block: .foreground, mode: .noColor) == ["", ""])
        #expect(ScreenText.rows(of: grid, block: .attributes, mode: .noColor) == ["11", ".4"])
    }

    @Test func theFileHasAHeadingAndTheModesBlocks() {
        let color = ScreenText.encode(sampleGrid(), screen: screen, mode: .color)
        let plain = ScreenText.encode(sampleGrid(), screen: screen, mode: .noColor)
        #expect(color.contains("# bnlab screen sample 4x2 color: a sample"))
        #expect(color.contains("keys: 1") && color.contains(ScreenText.updateCommand))
        #expect(color.components(separatedBy: "\n## ").count == 1 + ScreenMode.color.blocks.count)
        #expect(plain.components(separatedBy: "\n## ").count == 1 + ScreenMode.noColor.blocks.count)
        #expect(!plain.contains("## foreground"))
        #expect(ScreenText.fileName(screen, size: TerminalSize(width: 80, height: 24), mode: .ascii) == "sample-80x24-ascii.txt")
    }

    @Test func distinctColorsAndAttributesGetDistinctCodes() {
        let colors: [ChartColor] = [.default, .black, .red, .green, .yellow, .blue, .magenta, .cyan, .white, .gray, .indexed(200)]
        #expect(Set(colors.map(ScreenStyleCode.letter(for:))).count == colors.count)
        let attributes: [TextAttributes] = [[], .bold, .dim, .reverse, .underline, [.bold, .reverse], [.bold, .dim, .reverse, .underline]]
        #expect(Set(attributes.map(ScreenStyleCode.digit(for:))).count == attributes.count)
    }

    @Test func theDiffShowsOnlyTheDifferingLinesGrouped() {
        let diff = ScreenDiff.lines(stored: "a\nb\nc\nd\ne", rendered: "a\nB\nC\nd\ne\nf")
        #expect(diff == ["@@ line 2 @@", "-b", "+B", "-c", "+C", "@@ line 6 @@", "+f"])
        #expect(ScreenDiff.lines(stored: "same", rendered: "same").isEmpty)
        let long = ScreenDiff.lines(stored: (0..<100).map(String.init).joined(separator: "\n"),
                                    rendered: (0..<100).map { "x\($0)" }.joined(separator: "\n"), limit: 10)
        #expect(long.count <= 12 && long.last?.contains("100 differing lines") == true)
    }

    @Test func goldenFilesAreCreatedComparedAndRewritten() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("screens-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("one.txt")
        guard case .missing(let missing) = try ScreenGolden.check("x\ny\n", against: url, update: false) else {
            Issue.record("a missing file is reported")
            return
        }
        #expect(missing.contains(ScreenText.updateCommand))
        #expect(try ScreenGolden.check("x\ny\n", against: url, update: true) == .written)
        #expect(try ScreenGolden.check("x\ny\n", against: url, update: false) == .same)
        guard case .differs(let message) = try ScreenGolden.check("x\nz\n", against: url, update: false) else {
            Issue.record("a changed screen is reported")
            return
        }
        #expect(message.contains("@@ line 2 @@\n-y\n+z"))
        let rows = ScreenDiff.lines(stored: "# head\n## text\nab\ncd\n## attributes: legend\n11\n..",
                                    rendered: "# head\n## text\nab\ncD\n## attributes: legend\n11\n.1")
        #expect(rows == ["@@ line 4 (text row 1) @@", "-cd", "+cD", "@@ line 7 (attributes row 1) @@", "-..", "+.1"])
        #expect(message.contains(ScreenText.updateCommand))
        #expect(try String(contentsOf: url, encoding: .utf8) == "x\ny\n")   // comparing never writes
    }

    @Test func invariantsCatchControlWideAndBlankRows() {
        var grid = Grid(width: 6, height: 3)
        grid.put(string: "head", at: Point(x: 0, y: 0))
        grid[0, 1] = Cell("\u{07}")          // a bell: `put` would have made it a space
        grid[1, 1] = Cell("界")
        grid[2, 1] = Cell("e\u{301}")       // e and a combining accent: two scalars in one cell
        grid[3, 1] = Cell("é")
        #expect(ScreenInvariants.singleColumnCharacters(grid, asciiOnly: false).count == 3)
        let characters = ScreenInvariants.singleColumnCharacters(grid, asciiOnly: true)
        #expect(characters.count == 4)
        #expect(characters.first?.contains("row 1 column 0: U+7") == true)
        #expect(ScreenInvariants.edgeRowsDrawn(grid) == ["the footer row is blank"])
        grid.put(string: "keys~", at: Point(x: 0, y: 2))
        #expect(ScreenInvariants.footerNotCut(grid, glyphs: .ascii).count == 1)
        #expect(ScreenInvariants.footerNotCut(grid, glyphs: .unicode).isEmpty)
        #expect(ScreenInvariants.fitsTheTerminal(grid, size: TerminalSize(width: 6, height: 4)).count == 1)
        var cut = Grid(width: 8, height: 1)
        cut.put(string: "bnlab ab", at: Point(x: 0, y: 0))
        #expect(ScreenInvariants.headerNotCut(cut, glyphs: .unicode, message: "ab").count == 1)
        cut.put(string: "bnlab a…", at: Point(x: 0, y: 0))
        #expect(ScreenInvariants.headerNotCut(cut, glyphs: .unicode, message: "a reveals").isEmpty)
        #expect(ScreenInvariants.headerNotCut(cut, glyphs: .unicode, message: "answer").count == 1)
        cut.put(string: "bnlab a ", at: Point(x: 0, y: 0))
        #expect(ScreenInvariants.headerNotCut(cut, glyphs: .unicode, message: "a").isEmpty)
    }

    @Test func theFixtureRunsAreSmallAndCarryNoWallClock() throws {
        let files = try #require(FileManager.default.enumerator(at: ScreenPaths.runs, includingPropertiesForKeys: [.fileSizeKey]))
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "jsonl" }
        let needed = Set(ScreenCatalog.all.flatMap(\.runs))
        let present = Set(files.map { ScreenPaths.relative($0).replacingOccurrences(of: ScreenPaths.relative(ScreenPaths.runs) + "/", with: "") })
        #expect(needed.subtracting(present).isEmpty, "missing fixture runs: \(needed.subtracting(present).sorted()); run scripts/make-screen-runs.sh")
        let bytes = try files.reduce(0) { $0 + (try $1.resourceValues(forKeys: [.fileSizeKey]).fileSize ?? 0) }
        #expect(bytes < 3_000_000, "the fixture runs take \(bytes) bytes; keep them under 3 MB (smaller --subset or --epochs)")
        for file in files {
            let header = try String(contentsOf: file, encoding: .utf8).prefix { $0 != "\n" }
            #expect(header.contains("\"started\":\"2026-01-01T00:"), "\(file.lastPathComponent): started not normalized")
            #expect(!header.contains(ScreenPaths.packageRoot.path), "\(file.lastPathComponent): holds a path of this machine")
        }
    }
}
