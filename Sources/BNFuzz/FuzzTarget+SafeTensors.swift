import BNCore
import BNLab
import Foundation

extension FuzzTarget {
    /// The network the safetensors target loads files into: `Linear(4, 3)`, `BatchNorm1d(3)` with
    /// a cumulative average (`f = 1 / num_batches_tracked`), `ReLU`, `Linear(3, 2)`; keys `0.weight`,
    /// `0.bias`, `1.weight`, `1.bias`, `1.running_mean`, `1.running_var`, `1.num_batches_tracked`,
    /// `3.weight`, `3.bias` (the seeds in `fuzz-corpus/safetensors` hold them).
    static func safetensorsNetwork() -> Sequential {
        let rng = RandomSource(seed: 1)
        return Sequential([Linear(4, 3, rng: rng), BatchNorm1d(3, momentum: nil), ReLU(), Linear(3, 2, rng: rng)])
    }

    /// Decodes `data` as a safetensors file; when it decodes, encodes it again, reads it as a
    /// checkpoint (position, resume tensors, optimizer state into SGD with momentum and into Adam)
    /// and as weights (`--init`): loads its state dict and trains one batch, which counts
    /// `num_batches_tracked` on.
    static func safetensors(_ data: Data) {
        guard let file = try? SafeTensorsFile(decoding: data, file: "fuzz.safetensors") else { return }
        _ = try? file.encoded()
        let checkpoint = Checkpoint(file: file)
        _ = try? checkpoint.position(file: "fuzz.safetensors")
        _ = try? checkpoint.checkResumeTensors(file: "fuzz.safetensors")
        let network = safetensorsNetwork()
        if let sgd = try? SGD(network.parameters(), lr: 0.1, momentum: 0.9) {
            _ = try? OptimizerState.restore(sgd, from: checkpoint)
        }
        if let adam = try? Adam(network.parameters(), amsgrad: true) {
            _ = try? OptimizerState.restore(adam, from: checkpoint)
        }
        guard (try? network.loadStateDict(checkpoint.modelState, strict: false)) != nil else { return }
        network.train()
        _ = try? network.forward(Tensor(shape: [2, 4], data: [1, -2, 3, 0.5, -1, 2, 0, 4]))
    }
}
