import BNCharts

/// The workbench's pure view: a state and a size in, a grid of cells out.
///
/// - From ``fullSize`` (80×24) up: header, the experiment list and the run queue on the left, the
///   chart pane (and the notes, when shown) on the right, key hints in the footer; a lesson below
///   ``lessonWideBelowHeight`` rows takes the whole width instead.
/// - From ``minimumSize`` (40×12) to 80×24: a compact layout with the focused list above the chart.
/// - Below that: a message saying what size is needed.
///
/// Overlays (help, quit confirmation, variant picker) are drawn last. With ASCII glyphs every cell is
/// ASCII (``AsciiFallback``).
///
/// ```swift
/// let grid = WorkbenchView.render(state, size: TerminalSize(width: 120, height: 40), glyphs: .unicode)
/// print(grid)   // the screen as text
/// ```
public enum WorkbenchView {
    /// The smallest size with any layout.
    public static let minimumSize = TerminalSize(width: 40, height: 12)
    /// The smallest size with the full layout.
    public static let fullSize = TerminalSize(width: 80, height: 24)

    /// Draws `state` into a new `size` grid with `glyphs`.
    public static func render(_ state: WorkbenchState, size: TerminalSize, glyphs: Glyphs) -> Grid {
        var grid = Grid(width: size.width, height: size.height)
        let screen = grid.bounds
        if size.width < minimumSize.width || size.height < minimumSize.height {
            TooSmallView.render(size: size, overlay: state.overlay, into: &grid, glyphs: glyphs)
        } else {
            if size.width < fullSize.width || size.height < fullSize.height {
                compactLayout(state, into: &grid, screen: screen, glyphs: glyphs)
            } else {
                fullLayout(state, into: &grid, screen: screen, glyphs: glyphs)
            }
            switch state.overlay {
            case .help:
                HelpOverlayView.render(into: &grid, screen: screen, glyphs: glyphs, mode: KeyMode.beneath(state),
                                       scroll: state.helpScroll)
            case .confirmQuit(let n): ConfirmQuitView.render(activeRuns: n, into: &grid, screen: screen, glyphs: glyphs)
            case .variantPicker(let p):
                VariantPickerView.render(p, experiments: state.experiments, into: &grid, screen: screen, glyphs: glyphs)
            case .configDiff:
                if let replay = state.replay {
                    ConfigDiffView.render(replay, into: &grid, screen: screen, glyphs: glyphs)
                }
            case .runsBrowser(let browser):
                RunsBrowserView.render(browser, into: &grid, screen: screen, glyphs: glyphs)
            case .playground(let form):
                PlaygroundFormView.render(form, into: &grid, screen: screen, glyphs: glyphs)
            case nil: break
            }
        }
        if state.highContrast { HighContrast.apply(to: &grid) }
        if !glyphs.isUnicode { AsciiFallback.apply(to: &grid) }
        return grid
    }

    // MARK: Layouts

    private static func box(_ title: String, focused: Bool, glyphs: Glyphs) -> Box {
        Box(title: title, style: focused ? Theme.focusedBorder : Theme.border, titleStyle: Theme.boxTitle, glyphs: glyphs)
    }

    private static func fullLayout(_ state: WorkbenchState, into grid: inout Grid, screen: Rect, glyphs: Glyphs) {
        let (header, rest) = screen.splitTop(1)
        let (body, footer) = rest.splitBottom(1)
        HeaderView.render(state, into: &grid, in: header, glyphs: glyphs)
        FooterView.render(into: &grid, in: footer, glyphs: glyphs, mode: KeyMode.current(state),
                          trains: state.trains, lesson: LessonStage(state.lesson))

        let (left, main) = fullColumns(state, body: body, screen: screen)
        if !left.isEmpty { lists(state, into: &grid, in: left, glyphs: glyphs) }
        chartAndNotes(state, into: &grid, main: main, glyphs: glyphs)
    }

    /// The experiment list above the run queue, each in its box.
    private static func lists(_ state: WorkbenchState, into grid: inout Grid, in left: Rect, glyphs: Glyphs) {
        let runsHeight = state.runs.isEmpty ? 5 : min(2 + 2 * state.runs.count, max(6, left.height * 45 / 100))
        let (experimentsRect, runsRect) = left.splitBottom(runsHeight)

        let experimentsTitle = "Experiments \(min(state.selectedExperiment + 1, state.experiments.count))/\(state.experiments.count)"
        let listInner = box(experimentsTitle, focused: state.focus == .experiments, glyphs: glyphs)
            .render(into: &grid, in: experimentsRect)
        ExperimentListView.render(state, into: &grid, in: listInner, glyphs: glyphs, compact: false)

        let runsTitle = state.runs.isEmpty ? "Runs" : "Runs \(min(state.selectedRun + 1, state.runs.count))/\(state.runs.count)"
        let runsInner = box(runsTitle, focused: state.focus == .runs, glyphs: glyphs).render(into: &grid, in: runsRect)
        RunQueueView.render(state, into: &grid, in: runsInner, glyphs: glyphs, compact: false)
    }

    /// The charts' box and, when shown, the notes beside it (or instead of it when narrow).
    private static func chartAndNotes(_ state: WorkbenchState, into grid: inout Grid, main: Rect, glyphs: Glyphs) {
        let (chartRect, notesRect) = notesSplit(state, main: main)
        if state.showsNotes {
            let title = chartRect.isEmpty ? "Notes: " + (state.currentExperiment?.title ?? "") : "Notes"
            let notesInner = box(title, focused: false, glyphs: glyphs)
                .render(into: &grid, in: notesRect)
            NotesView.render(state, into: &grid, in: notesInner.inset(left: 1), glyphs: glyphs)
            if chartRect.isEmpty { return }
        }
        let title = state.currentExperiment?.title ?? "Charts"
        let chartInner = box(title, focused: false, glyphs: glyphs).render(into: &grid, in: chartRect)
        ChartPaneView.render(state, into: &grid, in: chartInner.inset(left: 1), glyphs: glyphs)
    }

    private static func compactLayout(_ state: WorkbenchState, into grid: inout Grid, screen: Rect, glyphs: Glyphs) {
        let (header, rest) = screen.splitTop(1)
        let (body, footer) = rest.splitBottom(1)
        HeaderView.render(state, into: &grid, in: header, glyphs: glyphs)
        FooterView.render(into: &grid, in: footer, glyphs: glyphs, mode: KeyMode.current(state),
                          trains: state.trains, lesson: LessonStage(state.lesson))

        let count = state.focus == .experiments ? state.experiments.count : state.runs.count
        let (listRect, chartRect) = compactSplit(state, body: body)
        let (titleRow, list) = listRect.splitTop(1)
        let title = state.focus == .experiments
            ? "Experiments \(min(state.selectedExperiment + 1, count))/\(count)  (Tab: runs)"
            : "Runs \(min(state.selectedRun + 1, count))/\(count)  (Tab: experiments)"
        grid.put(string: title, at: titleRow.origin, style: Theme.title.withForeground(.cyan), maxWidth: titleRow.width,
                 ellipsis: glyphs.ellipsis)
        if state.focus == .experiments {
            ExperimentListView.render(state, into: &grid, in: list, glyphs: glyphs, compact: true)
        } else {
            RunQueueView.render(state, into: &grid, in: list, glyphs: glyphs, compact: true)
        }
        let separator = Rect(x: chartRect.x, y: chartRect.y, width: chartRect.width, height: 1)
        grid.fill(separator, with: Cell(glyphs.horizontal, style: Theme.border))
        let area = chartRect.inset(top: 1)
        if state.showsNotes {
            NotesView.render(state, into: &grid, in: area, glyphs: glyphs)
        } else {
            ChartPaneView.render(state, into: &grid, in: area, glyphs: glyphs)
        }
    }
}
