/// A problem found while loading a state dict.
public struct StateDictError: Error, Equatable, CustomStringConvertible, Sendable {
    /// The keys the model has but the state dict lacks.
    public var missing: [String] = []
    /// The keys the state dict has but the model lacks.
    public var unexpected: [String] = []
    /// Keys whose shapes or kinds disagree: `key: expected …, got …`.
    public var mismatched: [String] = []
    /// Keys whose values no model may hold (a negative, huge or F32 counter): `key: why`.
    public var invalid: [String] = []

    /// PyTorch-style summary: `Error(s) in loading state_dict: Missing key(s): "a", "b". …`.
    public var description: String {
        var parts: [String] = []
        func quoted(_ keys: [String]) -> String { keys.map { "\"\($0)\"" }.joined(separator: ", ") }
        if !missing.isEmpty { parts.append("Missing key(s) in state_dict: \(quoted(missing)).") }
        if !unexpected.isEmpty { parts.append("Unexpected key(s) in state_dict: \(quoted(unexpected)).") }
        for m in mismatched { parts.append("size mismatch for \(m).") }
        for m in invalid { parts.append("invalid value for \(m).") }
        return "Error(s) in loading state_dict: " + parts.joined(separator: " ")
    }
}

extension Module {
    /// Every state entry of the tree with its full key, in PyTorch's order (a module's own
    /// parameters, then its buffers, then each child's entries).
    public func namedStateEntries() -> [(key: String, entry: StateEntry)] {
        namedModules().flatMap { path, module in
            module.stateEntries.map { entry in
                (path.isEmpty ? entry.name : "\(path).\(entry.name)", entry)
            }
        }
    }

    /// The state dict: every parameter, buffer and counter by key, in PyTorch's order.
    public func stateDict() -> StateDict {
        namedStateEntries().map { key, entry in
            switch entry {
            case .parameter(_, let p): return (key, .tensor(p.value))
            case .buffer(_, let b): return (key, .tensor(b.value))
            case .counter(_, let c): return (key, .integer(c.value))
            }
        }
    }

    /// Loads a state dict. With `strict`, missing and unexpected keys are errors; shape and kind
    /// mismatches always are, and so is a counter (`num_batches_tracked`) that is not one integer
    /// in 0 … 2^53 (``Counter/maxLoaded``). Nothing is changed unless the whole dict is valid.
    public func loadStateDict(_ state: StateDict, strict: Bool = true) throws {
        let entries = namedStateEntries()
        var given: [String: StateValue] = [:]
        for (k, v) in state { given[k] = v }
        var error = StateDictError()
        let known = Set(entries.map(\.key))
        error.unexpected = state.map(\.key).filter { !known.contains($0) }
        for (key, entry) in entries {
            guard let value = given[key] else { error.missing.append(key); continue }
            switch (entry, value) {
            case (.parameter(_, let p), .tensor(let t)) where t.shape != p.value.shape:
                error.mismatched.append("\(key): copying a param with shape \(torchSize(t.shape)) from checkpoint, the shape in current model is \(torchSize(p.value.shape))")
            case (.buffer(_, let b), .tensor(let t)) where t.shape != b.value.shape:
                error.mismatched.append("\(key): copying a param with shape \(torchSize(t.shape)) from checkpoint, the shape in current model is \(torchSize(b.value.shape))")
            case (.counter, .tensor(let t)) where t.count == 1:
                // one F32 value would have to be converted (NaN and 1e30 have no Int64), so only I64 is taken
                error.invalid.append("\(key): a float (F32) tensor, where a counter needs one I64 integer")
            case (.counter, .tensor(let t)):
                error.mismatched.append("\(key): expected one I64 integer, got a tensor of shape \(torchSize(t.shape))")
            case (.counter, .integer(let i)) where !(0...Counter.maxLoaded).contains(i):
                error.invalid.append("\(key): \(i) is outside 0 … 2^53 (it counts batches)")
            case (.parameter, .integer), (.buffer, .integer):
                error.mismatched.append("\(key): expected a tensor, got an integer")
            default: break
            }
        }
        if !error.mismatched.isEmpty || !error.invalid.isEmpty || (strict && (!error.missing.isEmpty || !error.unexpected.isEmpty)) {
            throw error
        }
        for (key, entry) in entries {
            guard let value = given[key] else { continue }
            switch (entry, value) {
            case (.parameter(_, let p), .tensor(let t)): p.value = t
            case (.buffer(_, let b), .tensor(let t)): b.value = t
            case (.counter(_, let c), .integer(let i)): c.value = i
            default: break
            }
        }
    }
}
