import BNCharts
import BNLab
import Testing
@testable import BNTUI

@Suite("Config diff: run columns named without cutting names")
struct ConfigDiffNamesTests {
    static func grid(width: Int, height: Int) throws -> Grid {
        let files = try ["bn-lr0.01", "bn-lr0.1", "bn-lr1.0", "no-bn-lr0.01", "no-bn-lr0.1", "no-bn-lr1.0"].map {
            try CursorReadoutTests.run("learning-rate/learning-rate-\($0).jsonl")
        }
        var state = CursorReadoutTests.state(files, size: TerminalSize(width: width, height: height))
        Fixtures.press([.character("D")], &state)
        return WorkbenchView.render(state, size: state.size, glyphs: .unicode)
    }

    @Test func narrowColumnsAreHeadedByRunIdsAndNamedBelow() throws {
        let lines = try Self.grid(width: 80, height: 24).lines()
        let header = try #require(lines.first { $0.contains(" key ") })
        #expect(header.contains("r1") && header.contains("r6") && !header.contains("…"), "\(header)")
        #expect(lines.contains { $0.contains("r1 bn-lr0.01 · r2 bn-lr0.1") }, "\(lines.joined(separator: "\n"))")
    }

    @Test func wideColumnsCarryTheNames() throws {
        let lines = try Self.grid(width: 140, height: 45).lines()
        let header = try #require(lines.first { $0.contains(" key ") })
        #expect(header.contains("r1 bn-lr0.01") && header.contains("r6 no-bn-lr1.0"), "\(header)")
    }
}
