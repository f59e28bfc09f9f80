import BNCharts

/// High contrast for projectors: applied to a finished grid, it makes every cell bold and bright on
/// the default background, drops the dim attribute, and thickens braille lines by drawing them
/// twice, one dot apart vertically.
public enum HighContrast {
    /// Rewrites `grid` in place.
    public static func apply(to grid: inout Grid) {
        // Thicken braille first, bottom-up, so a dot carried down is not carried again.
        for y in stride(from: grid.height - 1, through: 0, by: -1) {
            for x in 0..<grid.width {
                guard let dots = brailleDots(grid[x, y].character) else { continue }
                let (inside, carried) = shiftedDown(dots)
                var cell = grid[x, y]
                cell.character = braille(dots | inside)
                grid[x, y] = cell
                if carried != 0, y + 1 < grid.height, let below = brailleDots(grid[x, y + 1].character) {
                    var next = grid[x, y + 1]
                    next.character = braille(below | carried)
                    grid[x, y + 1] = next
                }
            }
        }
        for y in 0..<grid.height {
            for x in 0..<grid.width {
                var cell = grid[x, y]
                cell.style = style(cell.style)
                grid[x, y] = cell
            }
        }
    }

    /// `style` in high contrast: bold, never dim, a bright foreground, the default background (a
    /// colored background becomes reverse video of its bright color).
    public static func style(_ style: Style) -> Style {
        var out = style
        out.attributes.remove(.dim)
        out.attributes.insert(.bold)
        if style.background != .default {
            out.foreground = bright(style.background)
            out.background = .default
            out.attributes.insert(.reverse)
        } else {
            out.foreground = bright(style.foreground)
        }
        return out
    }

    /// The bright version of `color` (the terminal default stays).
    public static func bright(_ color: ChartColor) -> ChartColor {
        switch color {
        case .default: .default
        case .black, .gray, .white: .white
        case .red: .indexed(9)
        case .green: .indexed(10)
        case .yellow: .indexed(11)
        case .blue: .indexed(12)
        case .magenta: .indexed(13)
        case .cyan: .indexed(14)
        case .indexed(let n): .indexed(n)
        }
    }

    // Braille dot bits: left column rows 0–3 are 0x01 0x02 0x04 0x40, right column 0x08 0x10 0x20 0x80.
    private static let columns: [[UInt32]] = [[0x01, 0x02, 0x04, 0x40], [0x08, 0x10, 0x20, 0x80]]

    private static func brailleDots(_ c: Character) -> UInt32? {
        guard let s = c.unicodeScalars.first, c.unicodeScalars.count == 1, (0x2800...0x28FF).contains(s.value) else {
            return nil
        }
        return s.value - 0x2800
    }

    private static func braille(_ dots: UInt32) -> Character {
        Character(Unicode.Scalar(0x2800 + (dots & 0xFF))!)
    }

    /// Every dot moved one row down: the dots staying in the cell, and those falling into the top
    /// row of the cell below.
    private static func shiftedDown(_ dots: UInt32) -> (inside: UInt32, carried: UInt32) {
        var inside: UInt32 = 0, carried: UInt32 = 0
        for column in columns {
            for row in 0..<4 where dots & column[row] != 0 {
                if row < 3 { inside |= column[row + 1] } else { carried |= column[0] }
            }
        }
        return (inside, carried)
    }
}
