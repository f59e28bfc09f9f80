import BNCharts

/// The bottom row: key hints from ``KeyBindings``, as many as fit; help and quit always shown.
enum FooterView {
    /// The hints shown for `width` columns, in table order: `(keys, hint)` pairs.
    static func hints(width: Int, unicode: Bool) -> [(keys: String, hint: String)] {
        let all = KeyBindings.all.compactMap { b in b.hint.map { (keys: b.footerKeysLabel(unicode: unicode), hint: $0) } }
        let essential = KeyBindings.all.filter { $0.action == .help || $0.action == .quit }
            .compactMap { b in b.hint.map { (keys: b.footerKeysLabel(unicode: unicode), hint: $0) } }
        func cost(_ h: (keys: String, hint: String)) -> Int { h.keys.count + 1 + h.hint.count + 2 }
        var budget = width - 1 - essential.map(cost).reduce(0, +)
        var shown: [(keys: String, hint: String)] = []
        for h in all where !essential.contains(where: { $0.hint == h.hint }) {
            guard cost(h) <= budget else { break }
            shown.append(h)
            budget -= cost(h)
        }
        return shown + essential
    }

    static func render(into grid: inout Grid, in rect: Rect, glyphs: Glyphs) {
        guard !rect.isEmpty else { return }
        var x = rect.x + 1
        for h in hints(width: rect.width, unicode: glyphs.isUnicode) {
            x += grid.put(string: h.keys, at: Point(x: x, y: rect.y), style: Theme.key)
            x += grid.put(string: " " + h.hint + "  ", at: Point(x: x, y: rect.y), style: .plain)
        }
    }
}
