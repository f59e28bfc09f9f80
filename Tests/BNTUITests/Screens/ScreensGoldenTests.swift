import BNCharts
import Foundation
import Testing
@testable import BNTUI

/// One screen at one size, drawn in every ``ScreenMode``.
struct ScreenShot: Sendable, CustomTestStringConvertible {
    /// The screen.
    var screen: ScreenCase
    /// The terminal size.
    var size: TerminalSize

    /// Every screen of ``ScreenCatalog`` at every ``ScreenSize``.
    static let all = ScreenCatalog.all.flatMap { screen in ScreenSize.all.map { ScreenShot(screen: screen, size: $0) } }

    /// The golden files it is compared with, one per mode.
    var fileNames: [String] { ScreenMode.allCases.map { ScreenText.fileName(screen, size: size, mode: $0) } }

    /// `NAME WxH` in test output.
    var testDescription: String { "\(screen.name) \(size.width)x\(size.height)" }
}

@Suite("Screens: every panel compared with its stored golden text (BNLAB_UPDATE_SCREENS=1 rewrites them)")
struct ScreensGoldenTests {
    @Test(arguments: ScreenShot.all)
    func screenMatchesItsGoldens(_ shot: ScreenShot) throws {
        for mode in ScreenMode.allCases {
            let name = ScreenText.fileName(shot.screen, size: shot.size, mode: mode)
            let rendered = try ScreenRenderer.render(shot.screen, size: shot.size, mode: mode)
            for problem in ScreenInvariants.problems(rendered.grid, size: shot.size, mode: mode, state: rendered.state) {
                Issue.record("\(name): \(problem)")
            }
            for problem in ScreenInvariants.headerNotCut(rendered.grid, glyphs: mode.glyphs,
                                                         message: HeaderView.message(rendered.state, glyphs: mode.glyphs)) {
                Issue.record("\(name): \(problem)")
            }
            let text = ScreenText.encode(rendered.grid, screen: shot.screen, mode: mode)
            switch try ScreenGolden.check(text, against: ScreenPaths.goldens.appendingPathComponent(name)) {
            case .same, .written: break
            case .differs(let message), .missing(let message): Issue.record(Comment(rawValue: message))
            }
        }
    }

    @Test func everyGoldenFileBelongsToAScreen() throws {
        let expected = Set(ScreenShot.all.flatMap(\.fileNames))
        let stored = try FileManager.default.contentsOfDirectory(atPath: ScreenPaths.goldens.path).filter { $0.hasSuffix(".txt") }
        let stray = stored.filter { !expected.contains($0) }.sorted()
        if ScreenGolden.isUpdating {
            for name in stray { try FileManager.default.removeItem(at: ScreenPaths.goldens.appendingPathComponent(name)) }
        } else {
            #expect(stray.isEmpty, "golden files of no screen in ScreenCatalog: \(stray); `\(ScreenText.updateCommand)` removes them")
        }
    }

    @Test func drawingAScreenTwiceGivesTheSameCells() throws {
        // The lesson plays before it pauses: the one screen that could depend on timing.
        let lesson = try #require(ScreenCatalog.all.first { $0.lesson != nil && !$0.keys.isEmpty })
        let size = ScreenSize.all[0]
        let first = try ScreenRenderer.render(lesson, size: size, mode: .color)
        let second = try ScreenRenderer.render(lesson, size: size, mode: .color)
        #expect(first.grid == second.grid)
        #expect(first.state.lesson?.isPaused == true)
    }
}
