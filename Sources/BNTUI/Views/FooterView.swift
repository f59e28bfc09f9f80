import BNCharts

/// The bottom row: the keys of the current ``KeyMode`` (live, replay, lesson, or the open dialog),
/// as many as fit, the essential ones (help and quit, or how to close the dialog) always shown.
enum FooterView {
    /// The hints shown for `width` columns in `mode`: the mode's hints in order while they fit, then
    /// the essential ones (`trains` false: no training keys; `lesson`: where a lesson is, for its keys).
    static func hints(width: Int, unicode: Bool, mode: KeyMode = .live, trains: Bool = true,
                      lesson: LessonStage = .steps) -> [KeyHint] {
        let essential = mode.essentialHints(unicode: unicode)
        func cost(_ h: KeyHint) -> Int { h.keys.count + 1 + h.hint.count + 2 }
        var budget = width - 1 - essential.map(cost).reduce(0, +)
        var shown: [KeyHint] = []
        for h in mode.hints(unicode: unicode, trains: trains, lesson: lesson) where !essential.contains(h) {
            guard cost(h) <= budget else { break }
            shown.append(h)
            budget -= cost(h)
        }
        return shown + essential
    }

    /// Draws the hints of `mode` into `rect`.
    static func render(into grid: inout Grid, in rect: Rect, glyphs: Glyphs, mode: KeyMode = .live,
                       trains: Bool = true, lesson: LessonStage = .steps) {
        guard !rect.isEmpty else { return }
        var x = rect.x + 1
        for h in hints(width: rect.width, unicode: glyphs.isUnicode, mode: mode, trains: trains, lesson: lesson) {
            x += grid.put(string: h.keys, at: Point(x: x, y: rect.y), style: Theme.key)
            x += grid.put(string: " " + h.hint + "  ", at: Point(x: x, y: rect.y), style: .plain)
        }
    }
}
