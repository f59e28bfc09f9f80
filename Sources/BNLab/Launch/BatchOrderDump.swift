import BNData
import Foundation

/// The training batches a run would take first, as split indices (a debugging aid behind the
/// hidden `bnlab run EXP --write-batch-order FILE --batches K`): lets another program, e.g. the
/// PyTorch comparison in python/tests, feed the very same batches.
public enum BatchOrderDump {
    /// Writes `{"split": "train", "micro_batch": b, "epoch": 1, "batches": [[i, …], …]}` with the
    /// first `batches` micro-batches of epoch 1 of `plan`.
    public static func write(_ plan: RunPlan, dataFolder: URL, batches: Int, to url: URL) throws {
        let data = try IDXDataset.load(from: dataFolder)
        let loader = try TrainingSession.loader(data.train, plan.microBatch, shuffle: true, seed: plan.seed,
                                                subset: TrainingSession.subset(plan.dataset.subset, train: true),
                                                normalize: .identity)
        var iterator = loader.epoch(0)
        var batch = Batch()
        var out: [[Int]] = []
        while out.count < batches, iterator.next(into: &batch) { out.append(batch.indices) }
        let json: [String: Any] = ["split": "train", "micro_batch": plan.microBatch, "epoch": 1, "batches": out]
        try JSONSerialization.data(withJSONObject: json, options: [.sortedKeys]).write(to: url)
    }
}
