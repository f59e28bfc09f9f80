import Testing
@testable import BNCharts

@Suite("Terminal images")
struct TerminalImageTests {
    @Test("UTF-8 locale detection follows LC_ALL, LC_CTYPE, LANG")
    func locale() {
        #expect(TerminalImageStyle.localeIsUTF8(environment: ["LANG": "en_US.UTF-8"]))
        #expect(TerminalImageStyle.localeIsUTF8(environment: ["LC_CTYPE": "C.utf8", "LANG": "C"]))
        #expect(!TerminalImageStyle.localeIsUTF8(environment: ["LC_ALL": "C", "LANG": "en_US.UTF-8"]))
        #expect(TerminalImageStyle.localeIsUTF8(environment: ["LC_ALL": "", "LANG": "de_DE.UTF-8"]))
        #expect(!TerminalImageStyle.localeIsUTF8(environment: [:]))
    }

    @Test("style: ASCII without UTF-8, colors only on a terminal")
    func style() {
        let utf8 = ["LANG": "C.UTF-8", "TERM": "xterm-256color"]
        #expect(TerminalImageStyle.detect(environment: ["LANG": "C", "TERM": "xterm"], outputIsTerminal: true) == .ascii)
        #expect(TerminalImageStyle.detect(environment: utf8, outputIsTerminal: true) == .color256)
        #expect(TerminalImageStyle.detect(environment: utf8, outputIsTerminal: false) == .shades)
        #expect(TerminalImageStyle.detect(environment: utf8.merging(["NO_COLOR": "1"]) { $1 }, outputIsTerminal: true) == .shades)
    }

    @Test("a 4×3 image drawn in ASCII and shades, two pixel rows per line")
    func ascii() {
        // Rows: black, white, gray 128, white. Line 1 averages 127.5 (ramp 127.5·10/256 → 4, "="),
        // line 2 averages 191.5 (→ 7, "#"); shades: 5 levels → 2 "▒" and 3 "▓".
        let pixels: [UInt8] = [0, 0, 0, 255, 255, 255, 128, 128, 128, 255, 255, 255]
        let lines = TerminalImageRenderer(style: .ascii).render(pixels, height: 4, width: 3)
        #expect(lines == ["===", "###"])
        #expect(TerminalImageRenderer(style: .shades).render(pixels, height: 4, width: 3) == ["▒▒▒", "▓▓▓"])
        #expect(TerminalImageRenderer(style: .ascii).render(pixels.prefix(9), height: 3, width: 3).count == 2)
        #expect(TerminalImageRenderer(style: .ascii).render(pixels, height: 3, width: 3).isEmpty)
    }

    @Test("half blocks carry the upper pixel in the foreground and the lower in the background")
    func halfBlocks() {
        let lines = TerminalImageRenderer(style: .color256).render([0, 255], height: 2, width: 1)
        #expect(lines == ["\u{1B}[38;5;16;48;5;231m▀\u{1B}[0m"])
        #expect(TerminalImageRenderer.paletteGray(128) == 244)
    }
}
