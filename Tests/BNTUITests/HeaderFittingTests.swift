import BNCharts
import Testing
@testable import BNTUI

@Suite("The header shortens messages at word boundaries")
struct HeaderFittingTests {
    static let message = "lesson bn-vs-no-bn, 4 steps: a reveals an answer, N goes on"

    @Test func shorteningKeepsWholeWordsAndEndsWithAnEllipsis() {
        #expect(TextWrap.shortened("a reveals an answer", to: 40, ellipsis: "…") == "a reveals an answer")
        #expect(TextWrap.shortened("a reveals an answer", to: 14, ellipsis: "…") == "a reveals an…")
        #expect(TextWrap.shortened("lesson x: a reveals", to: 11, ellipsis: "~") == "lesson x~")
        #expect(TextWrap.shortened("abcdefghij", to: 5, ellipsis: "…") == "abcd…")
    }

    @Test func aLongStatusIsNotCutMidWordAtEightyColumns() {
        for width in [50, 64, 80, 100] {
            var state = Fixtures.state(runs: Fixtures.runs(), size: TerminalSize(width: width, height: 24))
            state.status = StatusMessage(Self.message)
            let header = WorkbenchView.render(state, size: state.size, glyphs: .unicode).lines()[0]
            let words = Set(Self.message.split(separator: " ").map { String($0).trimmingCharacters(in: .punctuationCharacters) })
            let shown = header.split(separator: " ").map(String.init).filter { $0 != "bnlab" }
            let last = (shown.last ?? "").replacingOccurrences(of: "…", with: "").trimmingCharacters(in: .punctuationCharacters)
            #expect(words.contains(last), "\(width) columns: `\(last)` is not a whole word: \(header)")
            #expect(header.contains("lesson"), "\(width) columns: \(header)")
        }
    }

    @Test func theTitleGivesWayToAMessageThatWouldNotFit() {
        var state = Fixtures.state(runs: Fixtures.runs(), size: TerminalSize(width: 80, height: 24))
        state.status = StatusMessage(Self.message)
        let header = WorkbenchView.render(state, size: state.size, glyphs: .unicode).lines()[0]
        #expect(header.contains(Self.message), "\(header)")
        #expect(!header.contains("batch-normalization workbench"))
        state.status = StatusMessage("high contrast on")
        let short = WorkbenchView.render(state, size: state.size, glyphs: .unicode).lines()[0]
        #expect(short.contains("batch-normalization workbench") && short.contains("high contrast on"))
        // A summary too long for the full title keeps a short one.
        state.status = nil
        let summary = WorkbenchView.render(state, size: state.size, glyphs: .unicode).lines()[0]
        #expect(summary.hasPrefix(" bnlab  BN workbench") || summary.contains("batch-normalization workbench"), "\(summary)")
    }
}
