import BNCore

/// Builds the `bn_watch` events of one training forward: for each BatchNorm layer, its watched
/// channels' batch statistics (train mode only) and running statistics after the update.
struct BNWatchRecorder {
    /// The layers with the channels watched in each; empty when `watch_channels` is 0.
    let layers: [(name: String, layer: BatchNorm, channels: [Int])]

    /// A recorder for `model`'s BatchNorm layers, watching `channels` of each.
    init(model: BuiltModel, channels: WatchChannels) {
        layers = model.batchNorms.compactMap { name, bn in
            let indices = channels.indices(channels: bn.numFeatures)
            return indices.isEmpty ? nil : (name, bn, indices)
        }
    }

    /// The events after the forward of micro-batch `micro` (from 1) of optimizer step `step`.
    func events(step: Int, micro: Int) -> [BNWatch] {
        layers.map { name, bn, channels in
            let batch = bn.training ? bn.lastBatchStatistics : nil
            func pick(_ values: [Float]?) -> [Float]? { values.map { v in channels.map { v[$0] } } }
            return BNWatch(step: step, micro: micro, layer: name, training: bn.training, channels: channels,
                           count: batch?.count ?? bn.lastValuesPerChannel, momentum: BNMomentum(bn.momentum),
                           batchMean: pick(batch?.mean), batchVar: pick(batch?.variance),
                           runningMean: pick(bn.runningMean?.value.data), runningVar: pick(bn.runningVar?.value.data),
                           numBatchesTracked: bn.numBatchesTracked.map { Int($0.value) })
        }
    }
}
