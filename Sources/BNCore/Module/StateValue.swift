/// A value in a state dict: a tensor, or an integer (`num_batches_tracked`).
public enum StateValue: Equatable, Sendable {
    case tensor(Tensor)
    case integer(Int64)

    /// The tensor, when this is one.
    public var tensor: Tensor? {
        if case .tensor(let t) = self { return t }
        return nil
    }

    /// The integer, when this is one.
    public var integer: Int64? {
        if case .integer(let i) = self { return i }
        return nil
    }
}

/// An ordered state dict, keyed like PyTorch's (`0.weight`, `1.running_mean`, `bn1.running_var`).
public typealias StateDict = [(key: String, value: StateValue)]
