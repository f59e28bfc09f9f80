/// One stage of a resolved run: every setting explicit. A run without phases has one, `train`.
///
/// The trainer runs the phases in order; at each phase start it applies ``freeze`` (requires-grad
/// off on the frozen parameters) and, after every `model.train()`, puts the BatchNorm layers in
/// ``bnModeInTraining``, writing a `marker` event for each change.
public struct PhasePlan: Codable, Sendable, Equatable {
    /// The phase's name.
    public var name: String
    /// How many epochs it lasts.
    public var epochs: Int
    /// Which parameters are frozen.
    public var freeze: FreezeMode
    /// The mode of the BatchNorm layers while training (`bn_mode_in_training`).
    public var bnModeInTraining: BNMode
    /// The learning rate used in this phase.
    public var lr: Double

    /// A phase with every setting given.
    public init(name: String, epochs: Int, freeze: FreezeMode, bnModeInTraining: BNMode, lr: Double) {
        self.name = name
        self.epochs = epochs
        self.freeze = freeze
        self.bnModeInTraining = bnModeInTraining
        self.lr = lr
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, epochs, freeze, bnModeInTraining = "bn_mode_in_training", lr
    }

    /// Decodes a phase; in run files `freeze` defaults to `none` and the mode to `train`.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        epochs = try c.positiveInt(.epochs)
        freeze = try c.value(.freeze, default: FreezeMode.none)
        bnModeInTraining = try c.value(.bnModeInTraining, default: .train)
        lr = try c.decode(Double.self, forKey: .lr)
    }
}
