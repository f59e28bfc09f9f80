import BNCharts
@testable import BNTUI

/// The text of a golden file: a heading (what the screen is, how to regenerate it), then one block
/// per ``ScreenBlock`` of the mode, each one line per terminal row with trailing blanks trimmed.
///
/// ```text
/// # bnlab screen loss 80x24 color: loss chart `1`, bn vs no-bn at the end of the replay
/// # runs: bn-vs-no-bn/bn-vs-no-bn-bn.jsonl bn-vs-no-bn/bn-vs-no-bn-no-bn.jsonl; keys: $ 1
/// # update: BNLAB_UPDATE_SCREENS=1 swift test --filter Screens
/// ## text
/// bnlab │ replay: 2 runs …
/// ## foreground: . default, k black, …
/// kkkkk.aaa
/// ```
enum ScreenText {
    /// The command that rewrites every golden file.
    static let updateCommand = "BNLAB_UPDATE_SCREENS=1 swift test --filter Screens"

    /// The file name of `screen` at `size` in `mode`: `NAME-WxH-MODE.txt`.
    static func fileName(_ screen: ScreenCase, size: TerminalSize, mode: ScreenMode) -> String {
        "\(screen.name)-\(size.width)x\(size.height)-\(mode.rawValue).txt"
    }

    /// The golden text of `grid`, drawn for `screen` at its size in `mode`.
    static func encode(_ grid: Grid, screen: ScreenCase, mode: ScreenMode) -> String {
        var lines = [
            "# bnlab screen \(screen.name) \(grid.width)x\(grid.height) \(mode.rawValue): \(screen.summary)",
            "# runs: \(screen.runs.joined(separator: " "))\(screen.lesson.map { "; lesson: \($0)" } ?? ""); keys: \(screen.keyLabels)",
            "# update: \(updateCommand)",
        ]
        for block in mode.blocks {
            lines.append(block.heading)
            lines += rows(of: grid, block: block, mode: mode)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// One line per row of `grid`: each cell's code in `block`, trailing blanks trimmed.
    static func rows(of grid: Grid, block: ScreenBlock, mode: ScreenMode) -> [String] {
        (0..<grid.height).map { y in
            var line = String((0..<grid.width).map { x in
                var cell = grid[x, y]
                cell.style = mode.shown(cell.style)
                return block.code(of: cell)
            })
            while line.last == block.blank { line.removeLast() }
            return line
        }
    }
}
