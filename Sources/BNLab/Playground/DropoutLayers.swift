/// The Dropout layers of a model as one knob: read the probability of the first, set all of them.
public enum DropoutLayers {
    /// The `p` of the first Dropout layer of `model`; nil when it has none.
    public static func p(of model: [LayerSpec]) -> Double? {
        for layer in model { if case .dropout(let o) = layer { return o.p } }
        return nil
    }

    /// The indices in `model` of its Dropout layers.
    public static func indices(in model: [LayerSpec]) -> [Int] {
        model.indices.filter { if case .dropout = model[$0] { true } else { false } }
    }
}
