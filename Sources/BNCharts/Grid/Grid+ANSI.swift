extension Grid {
    /// The rows as text with each cell's style as ANSI SGR escape sequences, for printing to a
    /// colour terminal (`bnlab show`): a sequence only where the style changes, and every styled
    /// line ends with a reset (`ESC [ 0 m`), so lines can be printed one by one.
    ///
    /// Trailing plain spaces are removed when `trimmingTrailingSpaces` is set. Cell characters are
    /// printed as they are: text from files must be made safe before it is put into the grid.
    public func ansiLines(trimmingTrailingSpaces: Bool = false) -> [String] {
        (0..<height).map { y in
            var end = width
            if trimmingTrailingSpaces {
                while end > 0, Self.isInvisible(self[end - 1, y]) { end -= 1 }
            }
            var line = ""
            var current = Style.plain
            for x in 0..<end {
                let cell = self[x, y]
                if cell.style != current {
                    line += Self.sgr(cell.style)
                    current = cell.style
                }
                line.append(cell.character)
            }
            if current != .plain { line += Self.sgr(.plain) }
            return line
        }
    }

    /// A space that looks the same in any style: no background, no reverse video, no underline.
    private static func isInvisible(_ cell: Cell) -> Bool {
        cell.character == " " && cell.style.background == .default
            && cell.style.attributes.isDisjoint(with: [.reverse, .underline])
    }

    /// The escape sequence selecting `style` from scratch: reset, then attributes and colours
    /// (`ESC [ 0 ; 1 ; 36 m` for bold cyan).
    public static func sgr(_ style: Style) -> String {
        var codes = ["0"]
        if style.attributes.contains(.bold) { codes.append("1") }
        if style.attributes.contains(.dim) { codes.append("2") }
        if style.attributes.contains(.underline) { codes.append("4") }
        if style.attributes.contains(.reverse) { codes.append("7") }
        if let fg = sgrColor(style.foreground, base: 30) { codes.append(fg) }
        if let bg = sgrColor(style.background, base: 40) { codes.append(bg) }
        return "\u{1B}[" + codes.joined(separator: ";") + "m"
    }

    /// The SGR code of `color` as foreground (`base` 30) or background (`base` 40); nil for default.
    private static func sgrColor(_ color: ChartColor, base: Int) -> String? {
        switch color {
        case .default: nil
        case .black: "\(base)"
        case .red: "\(base + 1)"
        case .green: "\(base + 2)"
        case .yellow: "\(base + 3)"
        case .blue: "\(base + 4)"
        case .magenta: "\(base + 5)"
        case .cyan: "\(base + 6)"
        case .white: "\(base + 7)"
        case .gray: "\(base + 60)"      // bright black: 90 / 100
        case .indexed(let n): "\(base + 8);5;\(n)"
        }
    }
}
