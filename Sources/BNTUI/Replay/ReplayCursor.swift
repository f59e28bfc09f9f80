/// Where a replay stands: the step shown, whether it plays and how fast, and the moves the replay
/// keys make (by step, by epoch, to either end).
///
/// The cursor is a step number shared by every replayed run, so runs of different lengths stay
/// aligned when compared. Everything at or before ``step`` is shown; events without a step of their
/// own (epoch evaluations) belong to the step before them, see ``ReplaySource``.
///
/// Playing is driven by the app's tick: ``advance(seconds:)`` moves ``speed`` steps per second,
/// keeping the fraction for the next tick, and stops at the end.
///
/// ```swift
/// var cursor = ReplayCursor(firstStep: 1, lastStep: 200, epochEnds: [100, 200])
/// cursor.moveEpoch(by: 1)          // step 100: the end of epoch 1
/// cursor.togglePlay()
/// cursor.advance(seconds: 0.5)     // 100 + 0.5 × speed steps
/// ```
public struct ReplayCursor: Sendable, Equatable {
    /// The speeds `*` and `/` step through, in steps per second.
    public static let speeds: [Double] = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000]
    /// The speed a replay starts at.
    public static let defaultSpeedIndex = 5

    /// The first step of the replay (where ``jumpToStart()`` goes).
    public let firstStep: Int
    /// The last step of the replay (where ``jumpToEnd()`` goes).
    public let lastStep: Int
    /// The steps at which epochs ended, ascending.
    public let epochEnds: [Int]
    /// The step shown: every event at or before it is applied.
    public private(set) var step: Int
    /// Whether the replay is playing.
    public private(set) var isPlaying = false
    /// Index into ``speeds``.
    public private(set) var speedIndex = ReplayCursor.defaultSpeedIndex
    /// Fraction of a step carried from one tick to the next.
    private var carry = 0.0

    /// A paused cursor at the first step.
    public init(firstStep: Int, lastStep: Int, epochEnds: [Int] = []) {
        self.firstStep = firstStep
        self.lastStep = max(firstStep, lastStep)
        self.epochEnds = epochEnds.sorted()
        step = firstStep
    }

    /// Steps per second while playing.
    public var speed: Double { Self.speeds[speedIndex] }

    /// Whether the cursor is at the last step.
    public var isAtEnd: Bool { step >= lastStep }

    /// The 1-based epoch the cursor is in: epochs ended before its step, plus one, capped at the
    /// count (at an epoch's last step, that epoch).
    public var epoch: Int {
        let ended = epochEnds.filter { $0 < step }.count
        return max(1, min(epochEnds.count, ended + 1))
    }

    /// Moves `delta` steps (negative: back), clamped to the ends; stops playing.
    public mutating func moveStep(by delta: Int) {
        isPlaying = false
        carry = 0
        step = clamped(Self.saturatingSum(step, delta))
    }

    /// Moves to the next epoch end after the cursor (`delta > 0`) or the previous one before it
    /// (`delta < 0`), `|delta|` times; past the last or first epoch end, to the end or the start.
    public mutating func moveEpoch(by delta: Int) {
        isPlaying = false
        carry = 0
        for _ in 0..<abs(delta) {
            if delta > 0 {
                step = epochEnds.first { $0 > step } ?? lastStep
            } else {
                step = epochEnds.last { $0 < step } ?? firstStep
            }
        }
        step = clamped(step)
    }

    /// Goes to the first step and stops.
    public mutating func jumpToStart() { stop(at: firstStep) }

    /// Goes to the last step and stops.
    public mutating func jumpToEnd() { stop(at: lastStep) }

    private mutating func stop(at target: Int) {
        isPlaying = false
        carry = 0
        step = clamped(target)
    }

    /// Plays or pauses; playing from the end starts over.
    public mutating func togglePlay() {
        if isPlaying {
            isPlaying = false
        } else {
            if isAtEnd { step = firstStep }
            isPlaying = true
        }
        carry = 0
    }

    /// Plays faster (`delta > 0`) or slower, clamped to ``speeds``.
    public mutating func changeSpeed(by delta: Int) {
        speedIndex = min(max(0, speedIndex + delta), Self.speeds.count - 1)
    }

    /// Moves ``speed`` × `seconds` steps while playing (the fraction is kept for the next tick) and
    /// stops at the end. Returns whether the step changed.
    @discardableResult
    public mutating func advance(seconds: Double) -> Bool {
        guard isPlaying, seconds > 0 else { return false }
        // steps = carry + speed × seconds; whole steps move now, the fraction waits.
        carry += speed * seconds
        let whole = carry < 0x1p62 ? Int(carry.rounded(.down)) : 1 << 62   // past any file's steps (≤ 2^53)
        carry -= Double(whole)
        let before = step
        step = clamped(Self.saturatingSum(step, whole))
        if isAtEnd {
            isPlaying = false
            carry = 0
        }
        return step != before
    }

    /// `a + b`, held at `Int.min`/`Int.max` instead of overflowing (steps may come from any file).
    static func saturatingSum(_ a: Int, _ b: Int) -> Int {
        let (sum, overflow) = a.addingReportingOverflow(b)
        return overflow ? (b > 0 ? .max : .min) : sum
    }

    private func clamped(_ s: Int) -> Int {
        min(max(firstStep, s), lastStep)
    }
}
