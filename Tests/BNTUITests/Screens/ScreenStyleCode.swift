import BNCharts

/// The compact per-cell codes of the style blocks: one fixed letter per colour, one digit per set
/// of attributes. Fixed codes keep a diff local: a new colour elsewhere changes no other letter.
enum ScreenStyleCode {
    /// The legend written in the colour blocks' headings.
    static let colorLegend = ". default, k black, r red, g green, y yellow, b blue, m magenta, c cyan, w white, "
        + "a gray, 0-9 and A-Z xterm-256 index mod 36"

    /// The legend written in the attribute block's heading.
    static let attributeLegend = ". none, else the sum of 1 bold, 2 dim, 4 reverse, 8 underline as one base-36 digit"

    /// The letter of `color`.
    static func letter(for color: ChartColor) -> Character {
        switch color {
        case .default: "."
        case .black: "k"
        case .red: "r"
        case .green: "g"
        case .yellow: "y"
        case .blue: "b"
        case .magenta: "m"
        case .cyan: "c"
        case .white: "w"
        case .gray: "a"
        case .indexed(let i):
            // 36 symbols for 256 indices: index mod 36, digits then capitals (capitals are free).
            Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ")[Int(i) % 36]
        }
    }

    /// The digit of `attributes`: their bits read as one base-36 number (bold 1, dim 2, reverse 4,
    /// underline 8, so any attribute added later shows too), "." for none, "#" past 35.
    static func digit(for attributes: TextAttributes) -> Character {
        let bits = Int(attributes.rawValue)
        guard bits > 0 else { return "." }
        return bits < 36 ? Array("0123456789abcdefghijklmnopqrstuvwxyz")[bits] : "#"
    }
}
