import Testing
@testable import BNTUI

@Suite("Terminal errors say what to do")
struct TerminalErrorTests {
    @Test func aTerminalWithoutCursorAddressingIsNamedWithAWayOut() {
        let text = TerminalError.noCursorAddressing(term: "dumb").description
        #expect(text.contains("TERM='dumb'"))
        #expect(text.contains("move its cursor"))
        #expect(text.contains("TERM=xterm-256color") && text.contains("bnlab show"))
    }

    @Test func unknownAndMissingTermsAreToldApart() {
        #expect(TerminalError.cannotStart(term: "vt999").description.contains("TERM='vt999' is not in the terminfo"))
        #expect(TerminalError.cannotStart(term: nil).description.contains("TERM is not set"))
    }
}
