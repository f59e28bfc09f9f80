import BNCharts

/// Replaces every non-ASCII character of a grid with an ASCII look-alike, for terminals whose locale
/// is not UTF-8. Charts already draw with ``Glyphs/ascii`` there; this catches text such as notes.
public enum AsciiFallback {
    /// The ASCII stand-in for `c` (`c` itself when it is ASCII, `?` when nothing fits).
    public static func replacement(for c: Character) -> Character {
        if c.isASCII { return c }
        if let mapped = table[c] { return mapped }
        if let scalar = c.unicodeScalars.first, (0x2800...0x28FF).contains(scalar.value) {
            return scalar.value == 0x2800 ? " " : "*"
        }
        return "?"
    }

    /// `text` with every non-ASCII character replaced.
    public static func transliterate(_ text: String) -> String {
        String(text.map(replacement(for:)))
    }

    /// Rewrites the non-ASCII cells of `grid` in place.
    public static func apply(to grid: inout Grid) {
        for y in 0..<grid.height {
            for x in 0..<grid.width {
                let cell = grid[x, y]
                if !cell.character.isASCII {
                    grid[x, y] = Cell(replacement(for: cell.character), style: cell.style)
                }
            }
        }
    }

    private static let table: [Character: Character] = [
        "…": "~", "·": ".", "•": "*", "●": "*", "○": "o", "◆": "*", "■": "#", "█": "#", "▌": "#",
        "—": "-", "–": "-", "−": "-", "─": "-", "│": "|", "┌": "+", "┐": "+", "└": "+", "┘": "+",
        "┤": "+", "├": "+", "┬": "+", "┴": "+", "┼": "+",
        "→": ">", "←": "<", "↑": "^", "↓": "v", "▶": ">", "▸": ">", "⏸": "=", "‖": "=",
        "✓": "+", "✗": "x", "×": "x", "≈": "~", "≤": "<", "≥": ">", "’": "'", "‘": "'", "“": "\"", "”": "\"",
        "μ": "u", "σ": "s", "²": "2", "⋯": "~",
    ]
}
