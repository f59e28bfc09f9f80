extension SafeTensorsFile {
    /// A file holding `state`: tensors as `F32`, integers (`num_batches_tracked`) as 0-d `I64`,
    /// as PyTorch's `state_dict()` holds them.
    public init(stateDict state: StateDict, metadata: [String: String] = [:]) {
        self.init(tensors: state.map { key, value in
            switch value {
            case .tensor(let t): (key, .f32(shape: t.shape, t.data))
            case .integer(let i): (key, .i64(shape: [], [i]))
            }
        }, metadata: metadata)
    }

    /// The tensors as a state dict (one-element `I64` tensors become integers), leaving out
    /// names that start with any of `excludedPrefixes` (e.g. `optimizer.`).
    public func stateDict(excludingPrefixes excludedPrefixes: [String] = []) -> StateDict {
        tensors.compactMap { name, value -> (key: String, value: StateValue)? in
            if excludedPrefixes.contains(where: { name.hasPrefix($0) }) { return nil }
            switch value {
            case .f32(let shape, let v): return (name, .tensor(Tensor(shape: shape, data: v)))
            case .i64(_, let v) where v.count == 1: return (name, .integer(v[0]))
            case .i64(let shape, let v): return (name, .tensor(Tensor(shape: shape, data: v.map(Float.init))))
            }
        }
    }
}
