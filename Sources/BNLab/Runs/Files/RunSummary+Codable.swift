import Foundation

/// A summary as the run index stores it (`RunIndex`): every field but the file's URL, which the
/// index knows from where it lies. Non-finite losses need an encoder with a non-conforming float
/// strategy (the index writes them as `"nan"`, `"inf"`, `"-inf"`).
extension RunSummary: Codable {
    enum CodingKeys: String, CodingKey {
        case experiment, variant, runID = "run_id", seed, trainImages = "train_images", testImages = "test_images"
        case plannedEpochs = "planned_epochs", started, status, message, steps, epochs
        case finalTrainLoss = "train_loss", finalAccuracy = "accuracy", trainModeAccuracy = "train_mode"
        case lr, batchSize = "batch_size", momentum, rank, group
    }

    /// Decodes a stored summary; its `url` is nil until the index sets it.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        experiment = try c.decode(String.self, forKey: .experiment)
        variant = try c.decode(String.self, forKey: .variant)
        runID = try c.decode(String.self, forKey: .runID)
        seed = try c.decode(UInt64.self, forKey: .seed)
        if let planned = try c.decodeIfPresent(Int.self, forKey: .plannedEpochs) {
            context = RunContext(trainImages: try c.decodeIfPresent(Int.self, forKey: .trainImages),
                                 testImages: try c.decodeIfPresent(Int.self, forKey: .testImages), epochs: planned)
        } else {
            context = nil
        }
        started = Date(timeIntervalSince1970: try c.decode(Double.self, forKey: .started))
        status = try c.decodeIfPresent(EndStatus.self, forKey: .status)
        message = try c.decodeIfPresent(String.self, forKey: .message)
        steps = try c.decode(Int.self, forKey: .steps)
        epochs = try c.decode(Int.self, forKey: .epochs)
        finalTrainLoss = try c.decodeIfPresent(Double.self, forKey: .finalTrainLoss)
        finalAccuracy = try c.decodeIfPresent(Double.self, forKey: .finalAccuracy)
        let trainMode = try c.decodeIfPresent([String: Double].self, forKey: .trainModeAccuracy) ?? [:]
        trainModeAccuracy = Dictionary(uniqueKeysWithValues: trainMode.compactMap { k, v in Int(k).map { ($0, v) } })
        lr = try c.decodeIfPresent(Double.self, forKey: .lr)
        batchSize = try c.decodeIfPresent(Int.self, forKey: .batchSize)
        momentum = try c.decodeIfPresent(Double.self, forKey: .momentum)
        rank = try c.decodeIfPresent(Int.self, forKey: .rank)
        group = try c.decodeIfPresent(String.self, forKey: .group)
        url = nil
    }

    /// Encodes every field but `url`.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(experiment, forKey: .experiment)
        try c.encode(variant, forKey: .variant)
        try c.encode(runID, forKey: .runID)
        try c.encode(seed, forKey: .seed)
        try c.encodeIfPresent(context?.trainImages, forKey: .trainImages)
        try c.encodeIfPresent(context?.testImages, forKey: .testImages)
        try c.encodeIfPresent(context?.epochs, forKey: .plannedEpochs)
        try c.encode(started.timeIntervalSince1970, forKey: .started)
        try c.encodeIfPresent(status, forKey: .status)
        try c.encodeIfPresent(message, forKey: .message)
        try c.encode(steps, forKey: .steps)
        try c.encode(epochs, forKey: .epochs)
        try c.encodeIfPresent(finalTrainLoss, forKey: .finalTrainLoss)
        try c.encodeIfPresent(finalAccuracy, forKey: .finalAccuracy)
        if !trainModeAccuracy.isEmpty {
            try c.encode(Dictionary(uniqueKeysWithValues: trainModeAccuracy.map { (String($0.key), $0.value) }), forKey: .trainModeAccuracy)
        }
        try c.encodeIfPresent(lr, forKey: .lr)
        try c.encodeIfPresent(batchSize, forKey: .batchSize)
        try c.encodeIfPresent(momentum, forKey: .momentum)
        try c.encodeIfPresent(rank, forKey: .rank)
        try c.encodeIfPresent(group, forKey: .group)
    }
}
