import BNCharts
import Foundation
@testable import BNTUI

/// Cheap properties every screen has, whatever its golden file says. Each check returns the
/// problems found, naming the row and column (both from 0) and what is wrong.
enum ScreenInvariants {
    /// Every problem of `grid`, drawn at `size` in `mode` from `state` (but ``headerNotCut(_:glyphs:message:)``,
    /// which the golden test checks on its own).
    static func problems(_ grid: Grid, size: TerminalSize, mode: ScreenMode, state: WorkbenchState) -> [String] {
        var problems = fitsTheTerminal(grid, size: size)
        problems += singleColumnCharacters(grid, asciiOnly: mode == .ascii)
        problems += edgeRowsDrawn(grid)
        problems += footerNotCut(grid, glyphs: mode.glyphs)
        problems += noMachinePaths(grid)
        problems += viewIsPure(grid, state: state, size: size, glyphs: mode.glyphs)
        return problems
    }

    /// Nothing drawn outside the terminal: the frame has the terminal's size.
    static func fitsTheTerminal(_ grid: Grid, size: TerminalSize) -> [String] {
        grid.width == size.width && grid.height == size.height ? []
            : ["the frame is \(grid.width)x\(grid.height), the terminal \(size.width)x\(size.height)"]
    }

    /// Every cell is one printable, one-column character: no control or format characters, no
    /// combining marks, nothing East Asian wide (it would push the rest of the row right); in
    /// ASCII mode, printable ASCII only.
    static func singleColumnCharacters(_ grid: Grid, asciiOnly: Bool) -> [String] {
        var problems: [String] = []
        for y in 0..<grid.height {
            for x in 0..<grid.width {
                let character = grid[x, y].character
                let scalars = character.unicodeScalars
                let hex = scalars.map { "U+" + String($0.value, radix: 16, uppercase: true) }.joined(separator: " ")
                if scalars.count != 1 {
                    problems.append("row \(y) column \(x): \(hex) is \(scalars.count) scalars in one cell")
                } else if let scalar = scalars.first, !isPrintableNarrow(scalar) {
                    problems.append("row \(y) column \(x): \(hex) is a control, combining or wide character")
                } else if asciiOnly, !(0x20...0x7E).contains(scalars.first!.value) {
                    problems.append("row \(y) column \(x): \(hex) is not printable ASCII in ASCII mode")
                }
                if problems.count >= 5 { return problems }
            }
        }
        return problems
    }

    /// The header (top row) and the footer of key hints (bottom row) are never blank.
    static func edgeRowsDrawn(_ grid: Grid) -> [String] {
        let lines = grid.lines(trimmingTrailingSpaces: true)
        var problems: [String] = []
        if lines.first?.trimmingCharacters(in: .whitespaces).isEmpty ?? true { problems.append("the header row is blank") }
        if lines.last?.trimmingCharacters(in: .whitespaces).isEmpty ?? true { problems.append("the footer row is blank") }
        return problems
    }

    /// The footer's key hints are left out whole when they do not fit, never cut (no ellipsis).
    static func footerNotCut(_ grid: Grid, glyphs: Glyphs) -> [String] {
        guard let footer = grid.lines().last, footer.contains(glyphs.ellipsis) else { return [] }
        return ["the footer is cut (\(glyphs.ellipsis)): \(footer)"]
    }

    /// The header is not cut mid-word: where it shortens its `message` (an ellipsis), the word
    /// before the ellipsis is a whole word of it; and it does not run into the last
    /// column with a word (a word touching the right edge is likely cut).
    static func headerNotCut(_ grid: Grid, glyphs: Glyphs, message: String) -> [String] {
        guard let header = grid.lines().first else { return [] }
        var problems: [String] = []
        if let cut = header.firstIndex(of: glyphs.ellipsis) {
            let shown = header[..<cut].split(separator: " ").last.map(String.init) ?? ""
            if !endsAWord(shown, in: message) {
                problems.append("the header cuts `\(shown)` mid-word (message: \(message)): \(header)")
            }
        }
        if let last = header.last, last.isLetter || last.isNumber {
            problems.append("the header runs into the last column, a word cut?: \(header)")
        }
        return problems
    }

    /// Whether `word` occurs in `message` followed by its end, a space or punctuation (not a
    /// letter or digit).
    static func endsAWord(_ word: String, in message: String) -> Bool {
        guard !word.isEmpty else { return true }
        var search = message.startIndex..<message.endIndex
        while let found = message.range(of: word, range: search) {
            if found.upperBound == message.endIndex { return true }
            let next = message[found.upperBound]
            if !(next.isLetter || next.isNumber) { return true }
            search = found.upperBound..<message.endIndex
        }
        return false
    }

    /// No path of the machine the tests run on (the screen would differ elsewhere).
    static func noMachinePaths(_ grid: Grid) -> [String] {
        let root = ScreenPaths.packageRoot.standardizedFileURL.path
        guard let row = grid.lines().firstIndex(where: { $0.contains(root) }) else { return [] }
        return ["row \(row) shows the path \(root)"]
    }

    /// The app drew what the pure view draws for its final state, and drawing it again gives the
    /// same cells.
    static func viewIsPure(_ grid: Grid, state: WorkbenchState, size: TerminalSize, glyphs: Glyphs) -> [String] {
        let again = WorkbenchView.render(state, size: size, glyphs: glyphs)
        guard again != grid else { return [] }
        let row = Array(zip(again.lines(), grid.lines())).firstIndex { $0 != $1 } ?? 0
        return ["WorkbenchView.render of the final state differs from the frame drawn, first at row \(row)"]
    }

    /// Whether `scalar` is drawn as one column: not a control, format, combining or surrogate
    /// scalar, and not in the East Asian wide and emoji blocks.
    static func isPrintableNarrow(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .format, .nonspacingMark, .enclosingMark, .spacingMark, .surrogate, .privateUse,
             .unassigned, .lineSeparator, .paragraphSeparator:
            return false
        default:
            break
        }
        let v = scalar.value
        let wide: [ClosedRange<UInt32>] = [0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF,
                                           0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F300...0x1FAFF,
                                           0x20000...0x3FFFD]
        return !wide.contains { $0.contains(v) }
    }
}
