import BNLab
import Foundation
import Testing
@testable import BNTUI

/// Steps at the ends of `Int` (a hostile or damaged file) move and draw without overflowing.
@Suite("Replay at extreme steps")
struct ReplayExtremeStepsTests {
    @Test("the cursor saturates instead of overflowing at Int.max and Int.min")
    func cursorSaturates() {
        var c = ReplayCursor(firstStep: 0, lastStep: .max)
        c.moveStep(by: .max)
        c.moveStep(by: .max)
        #expect(c.step == .max && c.isAtEnd)
        c.jumpToStart()
        #expect(c.step == 0)
        c.moveStep(by: .min)
        #expect(c.step == 0)
        var wide = ReplayCursor(firstStep: .min, lastStep: .max)
        wide.jumpToEnd()
        wide.moveStep(by: 1)
        #expect(wide.step == .max)
        wide.jumpToStart()
        wide.moveStep(by: -1)
        #expect(wide.step == .min)
        wide.togglePlay()
        let moved = wide.advance(seconds: 1e300)
        #expect(moved)
        #expect(wide.step == .min + (1 << 62))
    }

    @Test("a run whose steps are Int.max replays and draws its loss view")
    func replayAtIntMax() throws {
        let header = try ReplayFixtures.bn.header
        let events: [RunEvent] = [
            .step(StepEvent(step: 0, epoch: 1, loss: 2, lr: 0.1, samples: 8)),
            .step(StepEvent(step: .max, epoch: 1, loss: 1, lr: 0.1, samples: 16)),
            .end(EndEvent(status: .done, step: .max)),
        ]
        let lone: [RunEvent] = [.step(StepEvent(step: .max, epoch: 1, loss: 1, lr: 0.1, samples: 16))]
        var single = ReplayFixtures.state([RunFile(header: header, events: lone)])
        _ = WorkbenchView.render(single, size: Fixtures.size, glyphs: .unicode)
        Fixtures.press([.character("0"), .character("$")], &single)
        #expect(single.replay?.cursor.step == .max)
        var state = ReplayFixtures.state([RunFile(header: header, events: events)])
        for key in ["$", "0", "l", "h", ".", ","] {
            Fixtures.press([.character(Character(key))], &state)
            _ = WorkbenchView.render(state, size: Fixtures.size, glyphs: .unicode)
        }
        #expect(state.replay?.cursor.step == 0 || state.replay?.cursor.step == .max)
    }
}
