import BNCharts
import BNCore
import Foundation

/// A ``Terminal`` for tests: plays a script of input events, records every frame drawn.
///
/// ```swift
/// let terminal = TestTerminal(size: TerminalSize(width: 100, height: 30), script: [
///     .key(.enter), .idle(3), .waitUntil(maxPolls: 200) { $0.description.contains("running") },
///     .key(.character("q")),
/// ])
/// WorkbenchApp(terminal: terminal, backend: backend).run()
/// terminal.lastFrame?.description          // the screen as text
/// ```
///
/// When the script is used up it reports ``TerminalEvent/closed``, which ends the app loop.
public final class TestTerminal: Terminal {
    /// One step of the input script.
    public enum Step {
        /// Deliver this event.
        case event(TerminalEvent)
        /// Report "no input" this many times.
        case idle(Int)
        /// Report "no input" until the latest frame satisfies the condition (at most `maxPolls` times;
        /// ``timedOutWaits`` counts the waits that gave up).
        case waitUntil(maxPolls: Int, (Grid) -> Bool)

        /// A key press.
        public static func key(_ key: Key) -> Step { .event(.key(key)) }
        /// A resize (the terminal's ``size`` changes when it is delivered).
        public static func resize(_ width: Int, _ height: Int) -> Step { .event(.resize(TerminalSize(width: width, height: height))) }
    }

    /// The current size.
    public private(set) var size: TerminalSize
    /// The glyphs frames are drawn with.
    public let glyphs: Glyphs
    /// Every frame drawn, in order.
    public private(set) var frames: [Grid] = []
    /// How many times ``restore()`` was called.
    public private(set) var restoreCount = 0
    /// How many `waitUntil` steps gave up before their condition held.
    public private(set) var timedOutWaits = 0
    /// Whether "no input" answers sleep for the requested timeout (for tests with a live backend).
    public var sleepsWhenIdle: Bool
    /// When each ``nextEvent(timeout:)`` call started.
    public private(set) var pollTimes: [ContinuousClock.Instant] = []
    /// How long the app worked between one ``nextEvent(timeout:)`` returning and the next call
    /// (polling, updating, rendering): a key is answered within two of these.
    public private(set) var workTimes: [Duration] = []
    private var lastReturn: ContinuousClock.Instant?

    private var script: [Step]
    private var position = 0
    private var idleLeft = 0
    private var pollsInWait = 0

    /// A terminal of `size` that will deliver `script`.
    public init(size: TerminalSize = TerminalSize(width: 120, height: 40), glyphs: Glyphs = .unicode, script: [Step] = [],
                sleepsWhenIdle: Bool = false) {
        self.size = size
        self.glyphs = glyphs
        self.script = script
        self.sleepsWhenIdle = sleepsWhenIdle
    }

    /// Appends steps to the script.
    public func enqueue(_ steps: Step...) {
        script += steps
    }

    /// The last frame drawn.
    public var lastFrame: Grid? { frames.last }

    /// Whether the script has been played to the end.
    public var isScriptFinished: Bool { position >= script.count }

    /// The next scripted event, nil for an idle step, ``TerminalEvent/closed`` after the script.
    public func nextEvent(timeout: Duration) -> TerminalEvent? {
        let now = ContinuousClock.now
        pollTimes.append(now)
        if let lastReturn { workTimes.append(now - lastReturn) }
        defer { lastReturn = ContinuousClock.now }
        while position < script.count {
            switch script[position] {
            case .event(let event):
                position += 1
                if case .resize(let newSize) = event { size = newSize }
                return event
            case .idle(let n):
                if idleLeft == 0 { idleLeft = n }
                idleLeft -= 1
                if idleLeft <= 0 { position += 1; idleLeft = 0 }
                return idle(timeout)
            case .waitUntil(let maxPolls, let condition):
                if let frame = frames.last, condition(frame) {
                    position += 1
                    pollsInWait = 0
                    continue
                }
                pollsInWait += 1
                if pollsInWait > maxPolls {
                    timedOutWaits += 1
                    position += 1
                    pollsInWait = 0
                    continue
                }
                return idle(timeout)
            }
        }
        return .closed
    }

    private func idle(_ timeout: Duration) -> TerminalEvent? {
        if sleepsWhenIdle && timeout > .zero {
            Thread.sleep(forTimeInterval: timeout.inSeconds)
        }
        return nil
    }

    /// Records `grid` as a frame.
    public func draw(_ grid: Grid) {
        frames.append(grid)
    }

    /// Counts the call.
    public func restore() {
        restoreCount += 1
    }
}
