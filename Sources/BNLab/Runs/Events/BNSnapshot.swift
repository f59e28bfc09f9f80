/// One BatchNorm layer's statistics at one step, per channel.
///
/// ```json
/// {"type":"bn_snapshot","step":50,"layer":"2","layer_type":"BatchNorm1d","batch_mean":[…],"batch_var":[…],
///  "running_mean":[…],"running_var":[…],"num_batches_tracked":50}
/// ```
/// Taken after the training forward of the step's last micro-batch, so the running statistics
/// already include that batch.
public struct BNSnapshot: Codable, Sendable, Equatable {
    /// The optimizer step the snapshot was taken at.
    public var step: Int
    /// The epoch, counting from 1, when known.
    public var epoch: Int?
    /// The layer's name: its index in the model (`"2"`), as in PyTorch's Sequential state keys.
    public var layer: String
    /// `BatchNorm1d` or `BatchNorm2d`, when known (`layer_type`).
    public var layerType: String?
    /// The last micro-batch's per-channel mean (`batch_mean`).
    public var batchMean: [Float]
    /// The last micro-batch's per-channel **biased** variance, the one used to normalize (`batch_var`).
    public var batchVar: [Float]
    /// The running mean (`running_mean`); nil when the layer does not track running statistics.
    public var runningMean: [Float]?
    /// The running variance, an average of **unbiased** batch variances (`running_var`).
    public var runningVar: [Float]?
    /// How many training forwards updated the running statistics (`num_batches_tracked`).
    public var numBatchesTracked: Int?
    /// Values per channel in the batch (`count`, format 1.1): N, N·L or N·H·W; the unbiased
    /// variance is `batchVar · count/(count − 1)`.
    public var count: Int?
    /// The true mean of the layer's input over the whole training set with the current weights
    /// (`population_mean`), when `record.population_stats` is on (end-of-epoch snapshots only).
    public var populationMean: [Float]?
    /// The true (biased) variance over the whole training set (`population_var`), likewise.
    public var populationVar: [Float]?

    /// A snapshot.
    public init(step: Int, epoch: Int? = nil, layer: String, layerType: String? = nil, batchMean: [Float], batchVar: [Float],
                runningMean: [Float]? = nil, runningVar: [Float]? = nil, numBatchesTracked: Int? = nil, count: Int? = nil,
                populationMean: [Float]? = nil, populationVar: [Float]? = nil) {
        self.step = step
        self.epoch = epoch
        self.layer = layer
        self.layerType = layerType
        self.batchMean = batchMean
        self.batchVar = batchVar
        self.runningMean = runningMean
        self.runningVar = runningVar
        self.numBatchesTracked = numBatchesTracked
        self.count = count
        self.populationMean = populationMean
        self.populationVar = populationVar
    }

    enum CodingKeys: String, CodingKey {
        case step, epoch, layer, layerType = "layer_type", batchMean = "batch_mean", batchVar = "batch_var"
        case runningMean = "running_mean", runningVar = "running_var", numBatchesTracked = "num_batches_tracked", count
        case populationMean = "population_mean", populationVar = "population_var"
    }

    /// Decodes one line, checking that every list has one value per channel (the length of
    /// `batch_mean`) and that the counters lie in 0 … 2^53.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        step = try c.decodeCount(.step)
        epoch = try c.decodeCountIfPresent(.epoch)
        layer = try c.decode(String.self, forKey: .layer)
        layerType = try c.decodeIfPresent(String.self, forKey: .layerType)
        batchMean = try c.decode([Float].self, forKey: .batchMean)
        batchVar = try c.decode([Float].self, forKey: .batchVar)
        runningMean = try c.decodeIfPresent([Float].self, forKey: .runningMean)
        runningVar = try c.decodeIfPresent([Float].self, forKey: .runningVar)
        numBatchesTracked = try c.decodeCountIfPresent(.numBatchesTracked)
        count = try c.decodeCountIfPresent(.count)
        populationMean = try c.decodeIfPresent([Float].self, forKey: .populationMean)
        populationVar = try c.decodeIfPresent([Float].self, forKey: .populationVar)
        for (list, key) in [(batchVar, CodingKeys.batchVar), (runningMean, .runningMean), (runningVar, .runningVar),
                            (populationMean, .populationMean), (populationVar, .populationVar)] {
            try EventCheck.length(list, key, in: c, expected: batchMean.count, what: "'batch_mean'")
        }
    }
}
