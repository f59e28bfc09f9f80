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
    /// The last completed epoch, 0 for none (format 1.1).
    public var epoch: Int?
    /// The last epoch's eval-mode test accuracy, repeated here so a listing reads it from the
    /// last line (format 1.1).
    public var accuracy: Double?
    /// The last epoch's eval-mode test loss (`test_loss`, format 1.1).
    public var testLoss: Double?
    /// The last epoch's mean training loss (`train_loss`, format 1.1).
    public var trainLoss: Double?

    /// An end event.
    public init(status: EndStatus, step: Int, message: String? = nil, seconds: Double? = nil, epoch: Int? = nil,
                accuracy: Double? = nil, testLoss: Double? = nil, trainLoss: Double? = nil) {
        self.status = status
        self.step = step
        self.message = message
        self.seconds = seconds
        self.epoch = epoch
        self.accuracy = accuracy
        self.testLoss = testLoss
        self.trainLoss = trainLoss
    }

    /// The same end with the summary of `last`, the run's last epoch (nil: no epoch ended).
    public func summarizing(_ last: EpochEvent?) -> EndEvent {
        var copy = self
        copy.epoch = last?.epoch ?? 0
        copy.accuracy = last?.accuracy
        copy.testLoss = last?.testLoss
        copy.trainLoss = last?.trainLoss
        return copy
    }

    enum CodingKeys: String, CodingKey {
        case status, step, message, seconds, epoch, accuracy, testLoss = "test_loss", trainLoss = "train_loss"
    }
}
