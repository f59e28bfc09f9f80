import BNTUI
import Testing
@testable import BNCurses

@Suite("Curses support: locale, keys, colors")
struct CursesSupportTests {
    @Test func localeFallbackFollowsWhatTheEnvironmentAsked() {
        #expect(TerminalLocale.shouldTryFallback(environment: [:]))
        #expect(TerminalLocale.shouldTryFallback(environment: ["LANG": "en_US.UTF-8"]))
        #expect(!TerminalLocale.shouldTryFallback(environment: ["LANG": "C"]))
        #expect(!TerminalLocale.shouldTryFallback(environment: ["LANG": "en_US.UTF-8", "LC_ALL": "POSIX"]))
        #expect(TerminalLocale.shouldTryFallback(environment: ["LC_CTYPE": "de_DE.utf8", "LANG": "C"]))
        #expect(TerminalLocale.requestedLocale(environment: ["LANG": "", "LC_CTYPE": "C.UTF-8"]) == "C.UTF-8")
    }

    @Test func noColorTurnsColorsOff() {
        #expect(TerminalLocale.colorsAllowed(environment: [:]))
        #expect(TerminalLocale.colorsAllowed(environment: ["NO_COLOR": ""]))
        #expect(!TerminalLocale.colorsAllowed(environment: ["NO_COLOR": "1"]))
    }

    @Test func cursesCharactersDecode() {
        #expect(CursesKeyDecoder.character(106) == .character("j"))
        #expect(CursesKeyDecoder.character(13) == .enter)
        #expect(CursesKeyDecoder.character(3) == .control("c"))
        #expect(CursesKeyDecoder.character(27) == .escape)
        #expect(CursesKeyDecoder.character(9) == .tab)
        #expect(CursesKeyDecoder.character(0x3BC) == .character("μ"))
        #expect(CursesKeyDecoder.functionKey(0o403) == .up)       // KEY_UP
        #expect(CursesKeyDecoder.functionKey(0o410 + 1) == .function(1))
        #expect(CursesKeyDecoder.functionKey(0o541) == .backTab)  // KEY_BTAB
    }

    @Test func indexedColorsFallBackToTheNearestBasicOne() {
        #expect(CursesColors.nearestBasic(1) == 1)
        #expect(CursesColors.nearestBasic(9) == 1)
        #expect(CursesColors.nearestBasic(196) == 1)   // pure red in the cube
        #expect(CursesColors.nearestBasic(21) == 4)    // pure blue
        #expect(CursesColors.nearestBasic(232) == 0)   // near black
    }
}
