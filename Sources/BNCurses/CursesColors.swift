import BNCharts
import BNTUI
import CNcursesw

/// Maps ``ChartColor`` foreground/background pairs to curses color pairs, allocating each pair the
/// first time it is used (`init_pair`), and colors the terminal lacks to the nearest it has.
struct CursesColors {
    /// Number of colors the terminal has (`COLORS`).
    let colorCount: Int
    /// Number of color pairs (`COLOR_PAIRS`).
    let pairCount: Int
    /// Whether -1 means "the terminal's default color" (`use_default_colors` succeeded).
    let hasDefaultColors: Bool
    private var pairs: [Key: Int16] = [:]
    private var nextPair: Int16 = 1

    private struct Key: Hashable {
        var foreground: Int16
        var background: Int16
    }

    init(colorCount: Int, pairCount: Int, hasDefaultColors: Bool) {
        self.colorCount = colorCount
        self.pairCount = pairCount
        self.hasDefaultColors = hasDefaultColors
    }

    /// The pair for `style`'s colors (0 for the defaults or when pairs run out), and the attributes
    /// that stand in for missing colors (bold for bright colors on 8-color terminals).
    mutating func pair(for style: Style) -> (pair: Int16, extra: attr_t) {
        let (fg, fgBold) = index(of: style.foreground, isForeground: true)
        let (bg, _) = index(of: style.background, isForeground: false)
        let extra = fgBold ? bnlab_a_bold() : 0
        let defaultIndex: Int16 = hasDefaultColors ? -1 : 0
        if fg == (hasDefaultColors ? -1 : 7) && bg == defaultIndex { return (0, extra) }
        let key = Key(foreground: fg, background: bg)
        if let p = pairs[key] { return (p, extra) }
        guard Int(nextPair) < pairCount, nextPair < Int16.max else { return (0, extra) }
        let p = nextPair
        guard init_pair(p, fg, bg) == bnlab_ok() else { return (0, extra) }
        pairs[key] = p
        nextPair += 1
        return (p, extra)
    }

    /// The curses color number for `color`, and whether bold must stand in for brightness.
    private func index(of color: ChartColor, isForeground: Bool) -> (Int16, Bool) {
        switch color {
        case .default: return (hasDefaultColors ? -1 : (isForeground ? 7 : 0), false)
        case .black: return (0, false)
        case .red: return (1, false)
        case .green: return (2, false)
        case .yellow: return (3, false)
        case .blue: return (4, false)
        case .magenta: return (5, false)
        case .cyan: return (6, false)
        case .white: return (7, false)
        case .gray: return colorCount >= 16 ? (8, false) : (isForeground ? (0, true) : (7, false))
        case .indexed(let n):
            if Int(n) < colorCount { return (Int16(n), false) }
            return (Int16(Self.nearestBasic(n)), false)
        }
    }

    /// The basic color (0–7) nearest to xterm-256 color `n`.
    static func nearestBasic(_ n: UInt8) -> Int {
        let i = Int(n)
        if i < 8 { return i }
        if i < 16 { return i - 8 }
        var rgb: (Int, Int, Int)
        if i >= 232 {
            let v = 8 + (i - 232) * 10
            rgb = (v, v, v)
        } else {
            let c = i - 16
            let level = { (k: Int) in k == 0 ? 0 : 55 + k * 40 }
            rgb = (level(c / 36), level((c / 6) % 6), level(c % 6))
        }
        // Basic colors as on xterm: bit 0 red, bit 1 green, bit 2 blue.
        var best = 0, bestDistance = Int.max
        for k in 0..<8 {
            let r = (k & 1) != 0 ? 205 : 0, g = (k & 2) != 0 ? 205 : 0, b = (k & 4) != 0 ? 205 : 0
            let d = (r - rgb.0) * (r - rgb.0) + (g - rgb.1) * (g - rgb.1) + (b - rgb.2) * (b - rgb.2)
            if d < bestDistance { best = k; bestDistance = d }
        }
        return best
    }
}
