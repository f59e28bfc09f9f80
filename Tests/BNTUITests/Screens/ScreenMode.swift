import BNCharts

/// How a golden screen is drawn: the three ways users see the workbench.
///
/// - ``color``: Unicode glyphs in colour (a UTF-8 terminal with colours).
/// - ``noColor``: Unicode glyphs, colours dropped as ``CursesTerminal`` drops them under `NO_COLOR`
///   (attributes stay).
/// - ``ascii``: ASCII glyphs (`--glyphs ascii`, `LANG=C`), colours dropped too: the poorest terminal.
enum ScreenMode: String, CaseIterable, Sendable {
    case color
    case noColor = "nocolor"
    case ascii

    /// The glyphs the terminal is given.
    var glyphs: Glyphs { self == .ascii ? .ascii : .unicode }

    /// Whether the terminal shows colours.
    var usesColor: Bool { self == .color }

    /// The blocks stored in the golden file, in order.
    var blocks: [ScreenBlock] { usesColor ? [.text, .foreground, .background, .attributes] : [.text, .attributes] }

    /// `style` as this mode's terminal shows it: without colours only the attributes remain.
    func shown(_ style: Style) -> Style {
        usesColor ? style : Style(attributes: style.attributes)
    }
}
