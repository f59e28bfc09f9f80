/// One stage of a multi-stage experiment, as written in the file.
///
/// ```yaml
/// phases:
///   - {name: pretrain, epochs: 1, freeze: none, bn_mode_in_training: train}
///   - {name: fine-tune, epochs: 3, freeze: body}
/// ```
/// A field a phase leaves out comes from the variant, then from the experiment (see
/// ``ExperimentSpec``); a field the phase sets wins over both.
public struct PhaseSpec: Codable, Sendable, Equatable {
    /// The phase's name, shown in markers (letters, digits, `-`, `_`, `.`).
    public var name: String
    /// How many epochs it lasts; at least 1.
    public var epochs: Int
    /// Which parameters are frozen; nil inherits.
    public var freeze: FreezeMode?
    /// The mode of the BatchNorm layers while training (`bn_mode_in_training`); nil inherits.
    public var bnModeInTraining: BNMode?
    /// The learning rate for this phase; nil inherits.
    public var lr: Double?

    /// A phase; nil fields inherit.
    public init(name: String, epochs: Int, freeze: FreezeMode? = nil, bnModeInTraining: BNMode? = nil, lr: Double? = nil) {
        self.name = name
        self.epochs = epochs
        self.freeze = freeze
        self.bnModeInTraining = bnModeInTraining
        self.lr = lr
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, epochs, freeze, bnModeInTraining = "bn_mode_in_training", lr
    }

    /// Decodes the mapping; `name` and `epochs` are required.
    public init(from decoder: any Decoder) throws {
        try decoder.checkKeys(CodingKeys.self, in: "a phase")
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.slug(.name)
        epochs = try c.positiveInt(.epochs, hint: "a number of epochs, e.g. 1")
        freeze = try c.decodeIfPresent(FreezeMode.self, forKey: .freeze)
        bnModeInTraining = try c.decodeIfPresent(BNMode.self, forKey: .bnModeInTraining)
        lr = try c.positiveNumberIfPresent(.lr, hint: "a learning rate such as 0.01")
    }

    /// Encodes the fields that are set.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(epochs, forKey: .epochs)
        try c.encodeIfPresent(freeze, forKey: .freeze)
        try c.encodeIfPresent(bnModeInTraining, forKey: .bnModeInTraining)
        try c.encodeIfPresent(lr, forKey: .lr)
    }
}
