import BNCharts
import BNLab
import Testing
@testable import BNTUI

@Suite("BN panel: numbers are whole or visibly dropped; watched channels are a key away")
struct BNSummaryFitTests {
    static let snaps: [BNSnapshot] = BNFixtures.events().compactMap {
        if case .bnSnapshot(let s) = $0 { return s } else { return nil }
    }

    /// The summary's two rows drawn `width` columns wide.
    static func rows(_ statistic: BNStatistic, width: Int) -> [String] {
        var grid = Grid(width: width, height: 2)
        BNLayerSummaryView.render(statistic, snaps: snaps, into: &grid, in: grid.bounds, glyphs: .unicode)
        return grid.lines()
    }

    /// Every number the summary can show (`now` and `peak` of both rows).
    static func shownNumbers(_ statistic: BNStatistic) -> Set<String> {
        let full = rows(statistic, width: 200)
        return Set(full.flatMap { $0.split(separator: " ").map(String.init) }.filter { Double($0) != nil })
    }

    @Test(arguments: [BNStatistic.mean, .variance])
    func numbersAreNeverCut(_ statistic: BNStatistic) {
        let whole = Self.shownNumbers(statistic)
        #expect(whole.count >= 3, "\(whole)")
        for width in 10...70 {
            for row in Self.rows(statistic, width: width) {
                // The last word is a whole number or the ellipsis that stands for the dropped ones.
                let last = row.split(separator: " ").last.map(String.init) ?? ""
                #expect(whole.contains(last) || last.hasSuffix("…"), "width \(width): `\(row)`")
                for word in row.split(separator: " ") where Double(word) != nil {
                    #expect(whole.contains(String(word)), "width \(width): `\(word)` cut in `\(row)`")
                }
            }
        }
    }

    @Test func bothRowsLineTheirNumbersUp() {
        let rows = Self.rows(.variance, width: 47)
        #expect(rows.count == 2)
        // Right-aligned in the same columns: `peak  0.8` under `peak 0.86`, not a cut-looking `0.8`.
        let ends = rows.map { $0.count }, peaks = rows.map { $0.range(of: "peak")?.lowerBound.utf16Offset(in: $0) }
        #expect(ends[0] == ends[1] && peaks[0] == peaks[1] && peaks[0] != nil, "\(rows)")
    }

    @Test func theTailGivesWayToAnEllipsis() {
        let numbers = [(now: "0.014", peak: "0.86"), (now: "0.082", peak: "0.9")]
        #expect(BNLayerSummaryView.tail(numbers, row: 0, room: 30, ellipsis: "…") == (" now 0.014 peak 0.86", 10))
        #expect(BNLayerSummaryView.tail(numbers, row: 1, room: 30, ellipsis: "…") == (" now 0.082 peak  0.9", 10))
        #expect(BNLayerSummaryView.tail(numbers, row: 0, room: 20, ellipsis: "…") == (" now 0.014 …", 8))
        #expect(BNLayerSummaryView.tail(numbers, row: 0, room: 6, ellipsis: "…") == (" …", 4))
    }

    @Test func theUnwatchedHintFitsAnEightyColumnScreen() throws {
        var state = BNFixtures.state(size: BNPanelTests.small)
        Fixtures.press([.character(".")], &state)
        // The chart pane's part of each row (the experiment list left of it cuts its own text).
        let lines = WorkbenchView.render(state, size: state.size, glyphs: .unicode).lines().map { String($0.dropFirst(30)) }
        let hint = try #require(lines.first { $0.contains("not watched:") }, "\(lines)")
        let list = try #require(lines.first { $0.contains("watched: 0,4,8,12") }, "\(lines)")
        #expect(!hint.contains("…") && !list.contains("…"), "\(hint)\n\(list)")
    }

    @Test func anglesJumpBetweenWatchedChannels() {
        var state = BNFixtures.state(size: BNPanelTests.small)
        Fixtures.press([.character(".")], &state)
        #expect(state.channel == 1)
        var visited: [Int] = []
        for _ in 0..<5 {
            Fixtures.press([.character(">")], &state)
            visited.append(state.channel)
        }
        #expect(visited == [4, 8, 12, 0, 4])
        Fixtures.press([.character("<"), .character("<")], &state)
        #expect(state.channel == 12)
        // The help names the keys.
        #expect(KeyBindings.binding(for: .nextWatchedChannel)?.keys == [.character(">")])
    }
}
