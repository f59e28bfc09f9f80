import BNLab
import Testing

@Suite("Terminal-safe text")
struct TerminalSafeTests {
    @Test("escape sequences, DEL and C1 controls are removed; tabs and newlines become spaces")
    func stripsControls() {
        #expect(TerminalSafe.strip("bn\u{1B}]0;owned\u{07}-run") == "bn]0;owned-run")
        #expect(TerminalSafe.strip("a\u{7F}b\u{9B}c") == "abc")
        #expect(TerminalSafe.strip("a\tb\nc") == "a b c")
        #expect(TerminalSafe.strip("a\nb", keepingNewlines: true) == "a\nb")
        #expect(TerminalSafe.strip("T-shirt/top · ünïcode") == "T-shirt/top · ünïcode")
    }
}
