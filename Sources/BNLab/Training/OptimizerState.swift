import BNCore

/// An optimizer's per-parameter state under PyTorch's `optimizer.state_dict()["state"]` names,
/// for checkpoints: `optimizer.state.<i>.<field>`, i the index among the trained parameters.
///
/// | optimizer | fields |
/// |---|---|
/// | SGD | `momentum_buffer` |
/// | Adam, AdamW | `step` (F32, shape `[]`, as PyTorch keeps it), `exp_avg`, `exp_avg_sq`, `max_exp_avg_sq` (amsgrad) |
/// | RMSprop | `step`, `square_avg`, `momentum_buffer` (momentum > 0), `grad_avg` (centered) |
///
/// A parameter that has not been updated yet has no entries, as in PyTorch.
public enum OptimizerState {
    /// The state's tensors, named, in parameter order (PyTorch's `parameterState(at:)`; `step`
    /// stored as a float32 scalar, as PyTorch keeps it).
    static func tensors(of optimizer: Optimizer) -> [(String, SafeTensorsValue)] {
        guard let stateful = optimizer as? OptimizerParameterState else { return [] }
        var out: [(String, SafeTensorsValue)] = []
        for i in optimizer.parameters.indices {
            for (field, value) in stateful.parameterState(at: i).sorted(by: { $0.key < $1.key }) {
                let name = "\(Checkpoint.optimizerPrefix)\(i).\(field)"
                switch value {
                case .tensor(let t): out.append((name, .f32(shape: t.shape, t.data)))
                case .integer(let n): out.append((name, .f32(shape: [], [Float(n)])))
                }
            }
        }
        return out
    }

    /// Gives `optimizer` the checkpoint's state; throws when a tensor does not fit its parameter.
    public static func restore(_ optimizer: Optimizer, from checkpoint: Checkpoint) throws {
        for (name, value) in checkpoint.file.tensors where name.hasPrefix(Checkpoint.optimizerPrefix) {
            let rest = name.dropFirst(Checkpoint.optimizerPrefix.count)
            guard let dot = rest.firstIndex(of: "."), let i = Int(rest[..<dot]), case .f32(let shape, let v) = value else { continue }
            let field = String(rest[rest.index(after: dot)...])
            let params = optimizer.parameters
            let fits = i >= 0 && i < params.count && (field == "step" ? v.count == 1 : params[i].value.shape == shape)
            guard fits else {
                throw CheckpointError(file: "checkpoint", problem: "optimizer state \(i).\(field) does not fit the phase's trained parameters",
                                      hint: "resume with the same experiment settings the run started with")
            }
            let t = Tensor(shape: shape, data: v)
            switch (optimizer, field) {
            case (let sgd as SGD, "momentum_buffer"): sgd.momentumBuffers[i] = t
            case (let adam as Adam, "step"): adam.stepCounts[i] = Int(v[0])
            case (let adam as Adam, "exp_avg"): adam.expAvgs[i] = t
            case (let adam as Adam, "exp_avg_sq"): adam.expAvgSqs[i] = t
            case (let adam as Adam, "max_exp_avg_sq"): adam.maxExpAvgSqs[i] = t
            case (let rms as RMSprop, "step"): rms.stepCounts[i] = Int(v[0])
            case (let rms as RMSprop, "square_avg"): rms.squareAvgs[i] = t
            case (let rms as RMSprop, "momentum_buffer"): rms.momentumBuffers[i] = t
            case (let rms as RMSprop, "grad_avg"): rms.gradAvgs[i] = t
            default:
                throw CheckpointError(file: "checkpoint", problem: "optimizer state field '\(field)' does not belong to \(type(of: optimizer))",
                                      hint: "resume with the same experiment settings the run started with")
            }
        }
    }
}
