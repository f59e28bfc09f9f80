import BNCharts
import BNLab
import Foundation
import Testing
@testable import BNTUI

/// Draws a ``ScreenCase`` the way `bnlab replay` and `bnlab lesson` do: the fixture runs read with
/// ``RunReader``, the repository's catalog, a ``WorkbenchApp`` over a ``ReplayBackend`` and a
/// ``TestTerminal``; the keys go through the app (so `R` lists the runs folder for real), and the
/// terminal's last frame is the screen.
///
/// Playing is the one thing that depends on the clock: after each key (and after a lesson starts),
/// a playing replay is settled with one long tick, which stops it at the lesson's pause point or at
/// the end, exactly where waiting would.
enum ScreenRenderer {
    /// What a screen rendered to.
    struct Rendered {
        /// The terminal's last frame.
        var grid: Grid
        /// The app's state after it.
        var state: WorkbenchState
        /// Frames the app drew.
        var frames: Int
    }

    /// The repository's catalog, loaded once.
    static let catalog = ExperimentCatalog.load(folder: ScreenPaths.experiments)

    /// Renders `screen` at `size` for `mode`'s terminal: its glyphs now; its colours are dropped
    /// when the cells are encoded, as ``CursesTerminal`` drops them (the view does not know whether
    /// the terminal has colours: when it learns, this is the one place to tell it).
    static func render(_ screen: ScreenCase, size: TerminalSize, mode: ScreenMode, lessonSteps: [LessonStep]? = nil) throws -> Rendered {
        let files = try screen.runs.map { try RunReader.read(contentsOf: ScreenPaths.runs.appendingPathComponent($0)) }
        let experiments = LabBackend.experimentInfos(catalog: catalog, classNames: files.first?.header.classNames ?? [])
        let folder = ScreenPaths.runs.appendingPathComponent(screen.runsFolder ?? screen.runs.first.map {
            ($0 as NSString).deletingLastPathComponent
        } ?? "")
        let label: String
        if let lesson = screen.lesson {
            label = "lesson: \(lesson)"
        } else if files.isEmpty {
            label = "live: no runs yet"
        } else {
            label = files.count == 1 ? "replay: \(files[0].url?.lastPathComponent ?? "")" : "replay: \(files.count) runs"
        }
        let terminal = TestTerminal(size: size, glyphs: mode.glyphs)
        let app = WorkbenchApp(terminal: terminal, backend: ReplayBackend(experiments: experiments),
                               options: WorkbenchOptions(backendLabel: label, runsFolder: folder))
        // Without runs the workbench stays live, as `bnlab` opens.
        if !files.isEmpty { app.send(.replayOpened(files: files, failures: [])) }
        if let lesson = screen.lesson {
            let steps = try lessonSteps ?? #require(catalog.experiment(id: lesson)?.lesson, "experiment \(lesson) has no lesson")
            app.send(.lessonStarted(experimentID: lesson, steps: steps))
            settle(app)
        }
        for key in screen.keys {
            app.send(.key(key))
            app.finishBackgroundWork()
            settle(app)
        }
        app.run()
        let grid = try #require(terminal.lastFrame, "the app drew no frame")
        return Rendered(grid: grid, state: app.state, frames: app.framesDrawn)
    }

    /// Plays a playing replay to where it stops by itself (a lesson pause point or the end).
    private static func settle(_ app: WorkbenchApp) {
        if app.state.replay?.cursor.isPlaying == true {
            app.send(.tick(seconds: 1e9))
        }
    }
}
