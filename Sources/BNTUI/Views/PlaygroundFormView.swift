import BNCharts
import BNLab

/// The playground's form: one line per knob (label, value, `*` when changed, the base value
/// beside it), the new variant's name or the loader's error, and the form's keys.
///
/// ```text
/// ┌ Playground: bn-vs-no-bn ───────────────────────────────┐
/// │  from variant   < bn >                                  │
/// │* learning rate  0.1_              was 0.01              │
/// │  dropout p      -  the model has no Dropout layer       │
/// │  new variant    bn-lr0.1                                │
/// └─────────────────────────────────────────────────────────┘
/// ```
enum PlaygroundFormView {
    /// The label column's width.
    static let labelWidth = 15
    /// The value column's width (the longest choice, `< before ReLU >`, with room to spare).
    static let valueWidth = 18

    static func render(_ form: PlaygroundForm, into grid: inout Grid, screen: Rect, glyphs: Glyphs) {
        let rows = PlaygroundForm.rows
        let width = min(screen.width, 78)
        let messageWidth = width - 4
        let message = messageLines(form, width: messageWidth, unicode: glyphs.isUnicode)
        let height = rows.count + message.count + 4
        let inner = Dialog.open(title: "Playground: \(form.experimentID)", width: width, height: height, in: screen,
                                into: &grid, glyphs: glyphs)
        for (i, row) in rows.enumerated() where i < inner.height {
            let line = Rect(x: inner.x, y: inner.y + i, width: inner.width, height: 1)
            let selected = i == form.row
            if selected { grid.fill(line, with: Cell(" ", style: Theme.selected)) }
            draw(row, of: form, selected: selected, into: &grid, at: line, glyphs: glyphs)
        }
        var y = inner.y + rows.count + 1
        for (text, style) in message where y < inner.maxY - 1 {
            grid.put(string: text, at: Point(x: inner.x + 1, y: y), style: style, maxWidth: messageWidth, ellipsis: glyphs.ellipsis)
            y += 1
        }
        let help = "Enter train   \(PlaygroundKeys.write) write YAML   Tab move   Space choose   Esc cancel"
        grid.put(string: help, at: Point(x: inner.x + 1, y: inner.maxY - 1), style: Theme.dim, maxWidth: inner.width - 1,
                 ellipsis: glyphs.ellipsis)
    }

    /// One row: marker, label, value (with a cursor when typed into), and the base value or why
    /// the knob cannot change.
    private static func draw(_ row: PlaygroundForm.Row, of form: PlaygroundForm, selected: Bool, into grid: inout Grid,
                             at line: Rect, glyphs: Glyphs) {
        let plain = selected ? Theme.selected : Style.plain
        let dim = selected ? Theme.selected : Theme.dim
        let label: String, value: String, aside: String
        var marker = " "
        switch row {
        case .variant:
            label = "from variant"
            value = "< \(form.base.variant.name) >"
            aside = form.variantNames.count > 1 ? "\(form.base.variantIndex + 1) of \(form.variantNames.count)" : ""
        case .knob(let knob):
            label = knob.label
            if let reason = form.unavailable(knob) {
                value = "-"
                aside = reason
            } else {
                let text = form.values[knob] ?? ""
                value = knob.choices != nil ? "< \(text) >" : text + (selected ? "_" : "")
                let was = form.base.values[knob] ?? ""
                aside = text == was ? "" : "was \(was)"
                if text != was { marker = "*" }
                if form.failingKnob == knob { marker = "!" }
            }
        }
        grid.put(string: marker, at: line.origin, style: marker == "!" ? (selected ? plain : Theme.error) : plain)
        grid.put(string: label, at: Point(x: line.x + 1, y: line.y), style: plain, maxWidth: labelWidth, ellipsis: glyphs.ellipsis)
        grid.put(string: value, at: Point(x: line.x + 1 + labelWidth + 1, y: line.y), style: selected ? plain : Theme.title,
                 maxWidth: valueWidth, ellipsis: glyphs.ellipsis)
        let asideX = line.x + 2 + labelWidth + valueWidth + 1
        grid.put(string: aside, at: Point(x: asideX, y: line.y), style: dim, maxWidth: max(0, line.maxX - asideX),
                 ellipsis: glyphs.ellipsis)
    }

    /// Under the knobs: the new variant and what changed, or the loader's error; then the file
    /// last written.
    static func messageLines(_ form: PlaygroundForm, width: Int, unicode: Bool) -> [(String, Style)] {
        var out: [(String, Style)] = []
        switch form.outcome {
        case .success(let variant):
            out.append(("new variant: \(variant.name)", Theme.title))
            out += TextWrap.lines("changes: " + variant.changesText(unicode: unicode), width: width).prefix(2).map { ($0, Style.plain) }
        case .failure(let error):
            var text = "! "
            if let field = error.field { text += "field '\(field)': " }
            text += error.problem + (error.hint.map { (unicode ? " — " : " - ") + $0 } ?? "")
            out += TextWrap.lines(text, width: width).prefix(3).map { ($0, Theme.error) }
        }
        if let written = form.written { out.append(("written: \(written)", Theme.dim)) }
        return out
    }
}
