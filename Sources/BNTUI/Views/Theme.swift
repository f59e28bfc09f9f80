import BNCharts

/// The workbench's styles in one place. Colors are only named here; the terminal drops them when
/// it has none or `NO_COLOR` is set, so every style must read well without them too.
enum Theme {
    static let title = Style(attributes: .bold)
    static let dim = Style(attributes: .dim)
    static let border = Style.fg(.gray)
    static let focusedBorder = Style.fg(.cyan)
    static let boxTitle = Style(attributes: .bold)
    static let brand = Style(foreground: .black, background: .cyan, attributes: .bold)
    static let selected = Style(attributes: [.reverse, .bold])
    static let selectedUnfocused = Style(attributes: [.bold, .underline])
    static let error = Style(foreground: .red, attributes: .bold)
    static let key = Style(foreground: .cyan, attributes: .bold)
    static let tab = Style(attributes: .dim)
    static let activeTab = Style(foreground: .cyan, attributes: [.reverse, .bold])

    /// The color of a run state.
    static func color(of state: RunInfo.State) -> ChartColor {
        switch state {
        case .queued: .gray
        case .running: .green
        case .paused: .yellow
        case .done: .cyan
        case .cancelled: .magenta
        case .diverged, .failed: .red
        }
    }

    /// A stable color per variant: its position in the experiment's variant list.
    static func color(variant: String, in experiment: ExperimentInfo?) -> ChartColor {
        let index = experiment?.variants.firstIndex { $0.name == variant } ?? abs(variant.hashValue % 7)
        return .automatic(index)
    }
}
