import BNCharts
import Testing
@testable import BNTUI

@Suite("Key bindings: one table for dispatch, footer and help")
struct KeyBindingTests {
    @Test func everyActionHasExactlyOneBinding() {
        for action in KeyAction.allCases {
            #expect(KeyBindings.all.filter { $0.action == action }.count == 1, "\(action)")
        }
    }

    @Test func noKeyIsBoundTwice() {
        var seen: [Key: KeyAction] = [:]
        for binding in KeyBindings.all {
            for key in binding.keys where KeyBindings.lessonOverrides[key] != binding.action {
                #expect(seen[key] == nil, "\(key) bound to \(seen[key].map { "\($0)" } ?? "") and \(binding.action)")
                seen[key] = binding.action
            }
        }
    }

    @Test func pGoesBackInALessonAndPausesElsewhere() {
        #expect(KeyBindings.action(for: .character("p"), inLesson: true) == .previousLessonStep)
        #expect(KeyBindings.action(for: .character("p"), inLesson: false) == .togglePause)
        #expect(KeyBindings.action(for: .character(" "), inLesson: true) == .togglePause)
    }

    @Test func viAndArrowStyleBothMove() {
        #expect(KeyBindings.action(for: .character("j")) == .moveDown)
        #expect(KeyBindings.action(for: .down) == .moveDown)
        #expect(KeyBindings.action(for: .character("k")) == .moveUp)
        #expect(KeyBindings.action(for: .up) == .moveUp)
        #expect(KeyBindings.action(for: .control("c")) == .quit)
    }

    @Test func footerHintsComeFromTheTable() {
        let hints = FooterView.hints(width: 400, unicode: true)
        let table = KeyBindings.all.compactMap(\.hint)
        #expect(hints.map(\.hint).sorted() == table.sorted())
        // Narrow footers keep help and quit.
        let narrow = FooterView.hints(width: 40, unicode: true).map(\.hint)
        #expect(narrow.contains("help") && narrow.contains("quit"))
    }

    @Test func footerRendersTheHints() {
        var grid = Grid(width: 200, height: 1)
        FooterView.render(into: &grid, in: grid.bounds, glyphs: .unicode)
        let line = grid.lines()[0]
        for binding in KeyBindings.all where binding.hint != nil {
            #expect(line.contains(binding.footerKeysLabel(unicode: true) + " " + binding.hint!))
        }
    }

    @Test func keyLabelsHaveAsciiForms() {
        for binding in KeyBindings.all {
            #expect(binding.keysLabel(unicode: false).allSatisfy { $0.isASCII })
        }
        #expect(Key.up.label(unicode: true) == "↑")
        #expect(Key.control("c").label(unicode: true) == "Ctrl-C")
        #expect(Key.character(" ").label(unicode: false) == "Space")
    }
}
