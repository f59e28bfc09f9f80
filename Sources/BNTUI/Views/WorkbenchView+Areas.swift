import BNCharts

/// Where the workbench's parts go, shared by the layouts and by updates that need the chart
/// pane's size (scrolling a lesson's text).
extension WorkbenchView {
    /// Below this height a lesson takes the whole width: the experiment and run lists give way,
    /// so that at 80×24 its chart stays readable and its text wraps in fewer lines.
    static let lessonWideBelowHeight = 32

    /// Whether `state` in `screen` is laid out without the lists on the left (a lesson on a short screen).
    static func lessonTakesWidth(_ state: WorkbenchState, screen: Rect) -> Bool {
        state.lesson != nil && screen.height < lessonWideBelowHeight
    }

    /// The full layout's body split into the lists' column and the main area.
    static func fullColumns(_ state: WorkbenchState, body: Rect, screen: Rect) -> (left: Rect, main: Rect) {
        let leftWidth = lessonTakesWidth(state, screen: screen) ? 0 : min(48, max(30, screen.width * 34 / 100))
        let (left, main) = body.splitLeft(leftWidth)
        return (left, main)
    }

    /// The main area split into the charts' box and the notes' (empty when not shown; the chart's
    /// is empty when the notes take the whole area).
    static func notesSplit(_ state: WorkbenchState, main: Rect) -> (chart: Rect, notes: Rect) {
        guard state.showsNotes else { return (main, Rect(x: main.x, y: main.y, width: 0, height: 0)) }
        let parts = main.width >= 80 ? main.columns([.fill(62), .fill(38)]) : [Rect(x: main.x, y: main.y, width: 0, height: 0), main]
        return (parts[0], parts[1])
    }

    /// The compact layout's body split into the focused list (with its title row) and the chart.
    static func compactSplit(_ state: WorkbenchState, body: Rect) -> (list: Rect, chart: Rect) {
        let count = state.focus == .experiments ? state.experiments.count : state.runs.count
        let (list, chart) = body.splitTop(max(2, min(count + 1, body.height / 3)))
        return (list, chart)
    }

    /// The rectangle ``ChartPaneView`` draws in on a `size` screen; nil when no chart is shown
    /// (notes instead, or a screen too small for any layout).
    static func chartPaneArea(_ state: WorkbenchState, size: TerminalSize) -> Rect? {
        guard size.width >= minimumSize.width, size.height >= minimumSize.height else { return nil }
        let screen = Rect(width: size.width, height: size.height)
        let body = screen.inset(top: 1, bottom: 1)
        if size.width < fullSize.width || size.height < fullSize.height {
            return state.showsNotes ? nil : compactSplit(state, body: body).chart.inset(top: 1)
        }
        let chart = notesSplit(state, main: fullColumns(state, body: body, screen: screen).main).chart
        guard chart.width >= 2, chart.height >= 2 else { return nil }
        return chart.inset(by: 1).inset(left: 1)
    }
}
