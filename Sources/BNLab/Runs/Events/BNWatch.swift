/// A few watched channels of one BatchNorm layer after one training forward (`bn_watch`, format 1.1).
///
/// ```json
/// {"type":"bn_watch","step":12,"micro":1,"layer":"2","training":true,"channels":[0,64,128,192],"count":64,
///  "momentum":0.1,"batch_mean":[…],"batch_var":[…],"running_mean":[…],"running_var":[…],"num_batches_tracked":12}
/// ```
/// Recorded at every forward (with gradient accumulation, several per step), so a reader can
/// recompute the running statistics from the batch statistics (see ``RunningStatsRule``).
/// Every list lines up with ``channels``; decoding rejects a line whose lists differ in length.
public struct BNWatch: Codable, Sendable, Equatable {
    /// The optimizer step the forward belongs to.
    public var step: Int
    /// The micro-batch within the step, from 1 (`micro`; 1 when missing).
    public var micro: Int
    /// The layer's name, as in ``BNSnapshot/layer``.
    public var layer: String
    /// Whether the layer was in train mode (`training`; true when missing). In eval mode it
    /// normalizes with the running statistics and updates nothing.
    public var training: Bool
    /// The watched channel indices; every list below lines up with them.
    public var channels: [Int]
    /// Values per channel in the batch (N, N·L or N·H·W), for the unbiased variance.
    public var count: Int
    /// The layer's momentum: a factor or the cumulative average (`null`); nil when the line
    /// leaves the key out (then take it from the config).
    public var momentum: BNMomentum?
    /// The batch's per-channel mean (`batch_mean`); may be nil when not ``training``.
    public var batchMean: [Float]?
    /// The batch's per-channel **biased** variance (`batch_var`); may be nil when not ``training``.
    public var batchVar: [Float]?
    /// The running mean after this forward's update (`running_mean`); nil without running statistics.
    public var runningMean: [Float]?
    /// The running variance after this forward's update (`running_var`).
    public var runningVar: [Float]?
    /// The counter after this forward (`num_batches_tracked`).
    public var numBatchesTracked: Int?

    /// A watch event.
    public init(step: Int, micro: Int = 1, layer: String, training: Bool = true, channels: [Int], count: Int,
                momentum: BNMomentum?, batchMean: [Float]? = nil, batchVar: [Float]? = nil, runningMean: [Float]? = nil,
                runningVar: [Float]? = nil, numBatchesTracked: Int? = nil) {
        self.step = step
        self.micro = micro
        self.layer = layer
        self.training = training
        self.channels = channels
        self.count = count
        self.momentum = momentum
        self.batchMean = batchMean
        self.batchVar = batchVar
        self.runningMean = runningMean
        self.runningVar = runningVar
        self.numBatchesTracked = numBatchesTracked
    }

    enum CodingKeys: String, CodingKey {
        case step, micro, layer, training, channels, count, momentum, batchMean = "batch_mean", batchVar = "batch_var"
        case runningMean = "running_mean", runningVar = "running_var", numBatchesTracked = "num_batches_tracked"
    }

    /// Decodes one line, telling a missing `momentum` (nil) from `null` (``BNMomentum/cumulative``)
    /// and checking counts and list lengths.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        step = try c.decodeCount(.step)
        micro = try c.contains(.micro) ? c.decodeCount(.micro, minimum: 1) : 1
        layer = try c.decode(String.self, forKey: .layer)
        training = try c.decodeIfPresent(Bool.self, forKey: .training) ?? true
        channels = try c.decode([Int].self, forKey: .channels)
        count = try c.decodeCount(.count)
        if !c.contains(.momentum) {
            momentum = nil
        } else if try c.decodeNil(forKey: .momentum) {
            momentum = .cumulative
        } else {
            momentum = .factor(try c.decode(Double.self, forKey: .momentum))
        }
        batchMean = try c.decodeIfPresent([Float].self, forKey: .batchMean)
        batchVar = try c.decodeIfPresent([Float].self, forKey: .batchVar)
        runningMean = try c.decodeIfPresent([Float].self, forKey: .runningMean)
        runningVar = try c.decodeIfPresent([Float].self, forKey: .runningVar)
        numBatchesTracked = try c.decodeCountIfPresent(.numBatchesTracked)
        if let bad = channels.first(where: { $0 < 0 }) {
            throw DecodingError.dataCorruptedError(forKey: .channels, in: c, debugDescription: "holds \(bad); channel indices count from 0")
        }
        if training && (batchMean == nil || batchVar == nil) {
            throw DecodingError.keyNotFound(batchMean == nil ? CodingKeys.batchMean : CodingKeys.batchVar,
                DecodingError.Context(codingPath: c.codingPath, debugDescription: "required when training is true"))
        }
        for (list, key) in [(batchMean, CodingKeys.batchMean), (batchVar, .batchVar), (runningMean, .runningMean),
                            (runningVar, .runningVar)] {
            try EventCheck.length(list, key, in: c, expected: channels.count, what: "'channels'")
        }
    }

    /// Encodes every present field; a cumulative momentum as `null`, a missing one left out.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(step, forKey: .step)
        try c.encode(micro, forKey: .micro)
        try c.encode(layer, forKey: .layer)
        try c.encode(training, forKey: .training)
        try c.encode(channels, forKey: .channels)
        try c.encode(count, forKey: .count)
        switch momentum {
        case .factor(let m): try c.encode(m, forKey: .momentum)
        case .cumulative: try c.encodeNil(forKey: .momentum)
        case nil: break
        }
        try c.encodeIfPresent(batchMean, forKey: .batchMean)
        try c.encodeIfPresent(batchVar, forKey: .batchVar)
        try c.encodeIfPresent(runningMean, forKey: .runningMean)
        try c.encodeIfPresent(runningVar, forKey: .runningVar)
        try c.encodeIfPresent(numBatchesTracked, forKey: .numBatchesTracked)
    }
}
