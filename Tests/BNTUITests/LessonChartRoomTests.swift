import BNCharts
import BNLab
import Testing
@testable import BNTUI

/// At 80×24 a lesson's chart keeps what makes it readable; the step's text scrolls instead.
@Suite("Lesson charts: readable at 80×24 under the step's text, which scrolls with J/K")
struct LessonChartRoomTests {
    static let size = TerminalSize(width: 80, height: 24)

    /// The shipped lesson paused at steps 20, 24, 28 and 32 of the fixture runs (after epoch 1,
    /// so the accuracy step has bars), `keys` pressed after `N` `index` times.
    static func screen(step index: Int, keys: [Key] = []) throws -> (grid: Grid, step: LessonStep) {
        let steps = try LessonFittingTests.shippedSteps { 20 + 4 * $0 }
        let all = Array(repeating: Key.character("N"), count: index) + keys
        let screen = ScreenCase(name: "room-\(index)", summary: "", runs: LessonFittingTests.runs, keys: all,
                                lesson: "bn-vs-no-bn")
        let rendered = try ScreenRenderer.render(screen, size: size, mode: .noColor, lessonSteps: steps)
        return (rendered.grid, steps[index])
    }

    /// The plot rows of the line chart whose x axis corner `└` is the lowest: the rows above it
    /// where the y axis (`┤` or `│`) runs on.
    static func plotRows(_ grid: Grid) -> Int {
        for y in stride(from: grid.height - 1, through: 0, by: -1) {
            guard let x = (1..<grid.width).first(where: { grid[$0, y].character == "└" && grid[$0 - 1, y].character == " " })
            else { continue }
            var rows = 0
            while y - rows - 1 >= 0, ["┤", "│"].contains(grid[x, y - rows - 1].character) { rows += 1 }
            return rows
        }
        return 0
    }

    @Test func everyStepsChartIsReadable() throws {
        for index in 0..<4 {
            let (grid, step) = try Self.screen(step: index)
            let text = grid.lines().joined(separator: "\n")
            #expect(text.contains("Lesson \(index + 1)/4, paused"), "step \(index + 1) not paused:\n\(text)")
            switch step.panel {
            case .loss:
                #expect(Self.plotRows(grid) >= 8, "step \(index + 1): \(Self.plotRows(grid)) plot rows\n\(text)")
            case .accuracy:
                for name in try ReplayFixtures.bn.header.classNames ?? [] {
                    #expect(text.contains(name), "step \(index + 1): class \(name) missing\n\(text)")
                }
                #expect(!text.contains("classes fit"), "\(text)")
            case .bn:
                #expect(text.contains("by channel") && text.contains("batch mean") && text.contains("▲ running_mean"),
                        "step \(index + 1): no heatmap or legend\n\(text)")
            }
        }
    }

    @Test func jAndKScrollTheStepsTextAndTheSeparatorSaysWhichLines() throws {
        let (top, _) = try Self.screen(step: 2)
        let first = top.lines().joined(separator: "\n")
        #expect(first.contains("J/K scroll: lines 1-"), "\(first)")
        let (down, _) = try Self.screen(step: 2, keys: [.character("J")])
        let scrolled = down.lines().joined(separator: "\n")
        #expect(scrolled.contains("J/K scroll: lines ") && !scrolled.contains("J/K scroll: lines 1-"), "\(scrolled)")
        #expect(!scrolled.contains("Notes"), "J scrolls the lesson, not the notes")
        let (up, _) = try Self.screen(step: 2, keys: [.character("J"), .character("K")])
        #expect(up.lines() == top.lines())
    }
}
