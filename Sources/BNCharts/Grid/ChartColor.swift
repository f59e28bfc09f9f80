/// A terminal color: the eight basic colors, gray, the terminal default, or a 256-color palette index.
///
/// The terminal layer maps these to curses color pairs; charts only ever name them.
public enum ChartColor: Sendable, Hashable {
    /// The terminal's own foreground or background.
    case `default`
    /// Basic color 0.
    case black
    /// Basic color 1.
    case red
    /// Basic color 2.
    case green
    /// Basic color 3.
    case yellow
    /// Basic color 4.
    case blue
    /// Basic color 5.
    case magenta
    /// Basic color 6.
    case cyan
    /// Basic color 7.
    case white
    /// Bright black / dark gray (basic color 8 on most terminals).
    case gray
    /// An entry of the xterm 256-color palette; fall back to the nearest basic color where unsupported.
    case indexed(UInt8)

    /// Colors handed out to series and groups that do not choose one, in order.
    public static let palette: [ChartColor] = [.cyan, .yellow, .magenta, .green, .red, .blue, .white]

    /// The palette color for the `index`-th series (wraps around).
    public static func automatic(_ index: Int) -> ChartColor {
        let n = palette.count
        return palette[((index % n) + n) % n]
    }
}
