import Foundation

/// The header fields a run listing shows, decoded without building the run's plan (its model,
/// phases, recording settings): about half the cost of a full ``RunHeader`` for a listing of
/// thousands of runs. ``RunSummaryReader`` falls back to the full header, and its precise error,
/// when this one does not decode or names another format or major version.
struct SummaryHeader: Decodable {
    var format: String?
    var version: String?
    var runID: String?
    var experiment: String
    var variant: String
    var seed: UInt64?
    var started: Date
    var config: Config?

    enum CodingKeys: String, CodingKey {
        case format, version, runID = "run_id", experiment, variant, seed, started, config
    }

    /// The config fields of the listing's columns.
    struct Config: Decodable {
        var optimizer: Optimizer
        var batchSize: Int
        var epochs: Int
        var dataset: Dataset?

        enum CodingKeys: String, CodingKey { case optimizer, batchSize = "batch_size", epochs, dataset }
    }

    /// The optimizer's learning rate and momentum.
    struct Optimizer: Decodable {
        var lr: Double
        var momentum: Double?
    }

    /// The dataset's subset.
    struct Dataset: Decodable {
        var subset: SubsetSpec?
    }

    /// Decodes `line` when it is a header of the format and major version this bnlab reads.
    static func decode(_ line: Data, decoder: JSONDecoder) -> SummaryHeader? {
        guard let clean = try? JSONLineCleaner.clean(line),
              let header = try? decoder.decode(SummaryHeader.self, from: clean),
              header.format == RunFormat.name,
              let text = header.version, let version = FormatVersion(text),
              version.major == RunFormat.version.major else { return nil }
        return header
    }

    /// A summary of this header, before the run's events are applied.
    func summary(url: URL?) -> RunSummary {
        RunSummary(experiment: experiment, variant: variant, runID: runID ?? "", seed: seed ?? 0,
                   context: config.map { RunContext(trainImages: $0.dataset?.subset?.train, testImages: $0.dataset?.subset?.test,
                                                    epochs: $0.epochs) },
                   started: started, status: nil, message: nil, steps: 0, epochs: 0, finalTrainLoss: nil, finalAccuracy: nil,
                   trainModeAccuracy: [:], url: url, lr: config?.optimizer.lr, batchSize: config?.batchSize,
                   momentum: config.map { $0.optimizer.momentum ?? 0 })
    }
}
