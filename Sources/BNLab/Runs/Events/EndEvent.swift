/// The last line of a finished run: `{"type":"end","status":"diverged","step":812,"message":"loss became NaN at step 812"}`.
///
/// A file without one was interrupted (killed, or the machine stopped) or is still being written.
public struct EndEvent: Codable, Sendable, Equatable {
    /// How the run ended.
    public var status: EndStatus
    /// The last optimizer step taken.
    public var step: Int
    /// Why, for anything but `done`, e.g. `loss became NaN at step 812`.
    public var message: String?
    /// Wall-clock seconds from start to end, pauses excluded.
    public var seconds: Double?

    /// An end event.
    public init(status: EndStatus, step: Int, message: String? = nil, seconds: Double? = nil) {
        self.status = status
        self.step = step
        self.message = message
        self.seconds = seconds
    }
}
