import BNCharts

/// One block of a golden file: the characters, or one style facet encoded one character per cell.
enum ScreenBlock: String, Sendable {
    case text
    case foreground
    case background
    case attributes

    /// The block's heading line in the file, with its legend.
    var heading: String {
        switch self {
        case .text: "## text"
        case .foreground, .background: "## \(rawValue): " + ScreenStyleCode.colorLegend
        case .attributes: "## attributes: " + ScreenStyleCode.attributeLegend
        }
    }

    /// The character stored for `cell` (already shown through the mode) in this block.
    func code(of cell: Cell) -> Character {
        switch self {
        case .text: cell.character
        case .foreground: ScreenStyleCode.letter(for: cell.style.foreground)
        case .background: ScreenStyleCode.letter(for: cell.style.background)
        case .attributes: ScreenStyleCode.digit(for: cell.style.attributes)
        }
    }

    /// The character of a cell that needs no mention: trailing ones are trimmed from each line.
    var blank: Character { self == .text ? " " : "." }
}
