import BNCharts
import Foundation
import BNLab
import Testing
@testable import BNTUI

@Suite("Support: records, text")
struct SupportTests {
    @Test func recordsAccumulateEventsByKind() {
        var r = RunRecord(id: "#1", experimentID: "e", variant: "v")
        for step in stride(from: 10, through: 50, by: 10) {
            r.apply(.step(StepEvent(step: step, epoch: 1, loss: 1, lr: 0.1, samples: step)))
            r.apply(.bnSnapshot(BNSnapshot(step: step, layer: "5", batchMean: [0, 0, 0], batchVar: [1, 1, 1])))
            r.apply(.bnSnapshot(BNSnapshot(step: step, layer: "2", batchMean: [0], batchVar: [1])))
        }
        r.apply(.marker(MarkerEvent(step: 50, kind: .freeze, text: "frozen")))
        r.apply(.end(EndEvent(status: .diverged, step: 50, message: "loss became NaN at step 50")))
        #expect(r.losses.count == 5)
        #expect(r.layerNames == ["5", "2"])
        #expect(r.snapshotInterval(layer: "5") == 10)
        #expect(r.channelCount(layer: "5") == 3)
        #expect(r.markers.count == 1)
        #expect(r.state == .diverged)
        #expect(r.message == "loss became NaN at step 50")
        #expect(r.eventCount == 17)
    }

    @Test func wrappingKeepsWordsAndIndentsListItems() {
        let lines = TextWrap.lines("- a list item that is long enough to wrap\n\nplain", width: 16)
        #expect(lines == ["- a list item", "  that is long", "  enough to wrap", "", "plain"])
        #expect(lines.allSatisfy { $0.count <= 16 })
        #expect(TextWrap.lines("abcdefghijkl", width: 5) == ["abcde", "fghij", "kl"])
    }

    @Test func asciiFallbackReplacesEverything() {
        #expect(AsciiFallback.transliterate("a → b · c…") == "a > b . c~")
        #expect(AsciiFallback.transliterate("⣿⠀") == "* ")
        #expect(AsciiFallback.transliterate("漢").allSatisfy { $0.isASCII })
    }

    @Test func durationsAndRates() {
        #expect(Formatting.duration(42) == "0:42")
        #expect(Formatting.duration(3723) == "1:02:03")
        #expect(Formatting.duration(nil) == "--:--")
        #expect(Formatting.rate(3840) == "3.8k/s")
        #expect(Formatting.scrollOffset(selected: 9, count: 10, visible: 4) == 6)
        #expect(Formatting.scrollOffset(selected: 0, count: 10, visible: 4) == 0)
    }
}

@Suite("Notes are reflowed to the panel's width")
struct NotesReflowTests {
    @Test func anItemsIndentedLinesJoinIt() {
        let source = "What to look at\n- The loss falls faster with BatchNorm.\n  On full data: about 0.84,\n  about 0.69 without.\n- Second item.\n\nPlain text\n  stays apart"
        #expect(TextWrap.reflowed(source)
                == "What to look at\n- The loss falls faster with BatchNorm. On full data: about 0.84, about 0.69 without.\n- Second item.\n\nPlain text\n  stays apart")
        // wrapped at 40 columns, the item fills its lines instead of breaking where the file did
        let lines = TextWrap.lines(TextWrap.reflowed(source), width: 40)
        #expect(lines[1] == "- The loss falls faster with BatchNorm.")
        #expect(lines[2] == "  On full data: about 0.84, about 0.69")
    }

    @Test func theMoreMarkHasARowOfItsOwn() throws {
        var state = Fixtures.state(size: TerminalSize(width: 80, height: 24))
        state.showsNotes = true
        let rows = WorkbenchView.render(state, size: state.size, glyphs: .unicode).lines()
        let more = try #require(rows.first { $0.contains("↓ more (J)") })
        // the notes panel's cell of that row holds the mark alone, no text under or beside it
        let cell = try #require(more.split(separator: "│").first { $0.contains("↓ more (J)") })
        #expect(cell.trimmingCharacters(in: .whitespaces) == "↓ more (J)", "\(more)")
    }
}
