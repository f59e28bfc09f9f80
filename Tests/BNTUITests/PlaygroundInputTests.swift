import BNCharts
import BNLab
import Testing
@testable import BNTUI

@Suite("Playground: any typed text is judged as a file's value, located at its knob, at any size")
struct PlaygroundInputTests {
    /// Text that is not a plain number, including YAML's own syntax.
    static let odd = ["", " ", "-", "[1, 2]", "{a: b}", "*x", "&x 1", "!!str 1", "1e400", ".nan", "~", "a: b", "#",
                      "'", "\"", "é", "0x10", String(repeating: "9", count: 40), "\u{7}", "null", "1 # c"]

    @Test func oddTextNeverBreaksTheForm() throws {
        let state = try PlaygroundFormTests.state()
        let form = try #require(PlaygroundForm(experiment: state.experiments[state.selectedExperiment], variantIndex: 0))
        for knob in PlaygroundKnob.allCases where knob.choices == nil && form.unavailable(knob) == nil {
            for text in Self.odd {
                var values = form.base.values
                values[knob] = text
                do {
                    let variant = try PlaygroundDraft.build(form.base, values: values)
                    #expect(variant.plan.experimentID == "bn-vs-no-bn", "\(knob) \(text.debugDescription)")
                } catch {
                    // Located at the knob, so the form marks the value typed.
                    #expect(error.field.flatMap(PlaygroundForm.knob(forField:)) == knob, "\(knob) \(text.debugDescription): \(error)")
                }
            }
        }
    }

    @Test(arguments: [TerminalSize(width: 40, height: 12), TerminalSize(width: 70, height: 20), TerminalSize(width: 200, height: 60)])
    func theFormDrawsAtEverySize(_ size: TerminalSize) throws {
        var state = try PlaygroundFormTests.state()
        state.size = size
        Fixtures.press([.character("e"), .down] + PlaygroundFormTests.type("-1"), &state)
        let grid = WorkbenchView.render(state, size: size, glyphs: .unicode)
        #expect(grid.width == size.width && grid.height == size.height)
        #expect(grid.find("Playground") != nil)
        #expect(grid.find("learning rate") != nil)
    }
}
