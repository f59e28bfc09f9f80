import BNCore

extension Checkpoint {
    /// Throws unless every tensor resuming reads beside the model is one it can use: each
    /// `optimizer.state.<i>.momentum_buffer` with a whole index i ≥ 0, and it, every
    /// `bnlab.grad.<key>` and `bnlab.probe.previous` stored as F32. (The model's own tensors
    /// are checked when they are loaded, by `loadStateDict`.)
    public func checkResumeTensors(file name: String) throws(CheckpointError) {
        for (key, value) in file.tensors {
            let isMomentum = key.hasPrefix(Self.optimizerPrefix) && key.hasSuffix(".momentum_buffer")
            guard isMomentum || key.hasPrefix(Self.gradPrefix) || key == Self.probeKey else { continue }
            if isMomentum, Int(key.dropFirst(Self.optimizerPrefix.count).dropLast(".momentum_buffer".count)).map({ $0 >= 0 }) != true {
                throw CheckpointError(file: name, problem: "tensor \(key) does not name a parameter by a whole index ≥ 0",
                                      hint: TrainingPosition.damagedHint)
            }
            guard value.dtype == .f32 else {
                throw CheckpointError(file: name, problem: "tensor \(key) is \(value.dtype.rawValue), but resuming reads it as F32",
                                      hint: TrainingPosition.damagedHint)
            }
        }
    }
}
