/// Where a model's BatchNorm layers sit relative to their ReLU: `Linear → BatchNorm → ReLU`
/// (before, the usual order) or `Linear → ReLU → BatchNorm` (after).
public enum BNPlacement: String, Sendable, Equatable, CaseIterable {
    /// Each BatchNorm is followed by a ReLU.
    case beforeReLU = "before ReLU"
    /// Each BatchNorm follows a ReLU.
    case afterReLU = "after ReLU"

    /// The placement of every BatchNorm layer of `model`, or nil when there is no BatchNorm layer
    /// or they are not all on the same side of a ReLU (the placement cannot then be swapped as one).
    public static func of(_ model: [LayerSpec]) -> BNPlacement? {
        let indices = model.indices.filter { model[$0].isBatchNorm }
        guard !indices.isEmpty else { return nil }
        func isReLU(_ i: Int) -> Bool { model.indices.contains(i) && model[i] == .relu }
        if indices.allSatisfy({ isReLU($0 + 1) }) { return .beforeReLU }
        if indices.allSatisfy({ isReLU($0 - 1) }) { return .afterReLU }
        return nil
    }

    /// `model` with every BatchNorm moved to this side of its ReLU: a BatchNorm and the ReLU right
    /// after it swap places (for ``afterReLU``), or a ReLU and the BatchNorm right after it (for
    /// ``beforeReLU``). Nothing else moves; a model already placed so is returned as it is.
    public func apply(to model: [LayerSpec]) -> [LayerSpec] {
        var out = model
        var i = 0
        while i + 1 < out.count {
            let swaps = switch self {
            case .afterReLU: out[i].isBatchNorm && out[i + 1] == .relu
            case .beforeReLU: out[i] == .relu && out[i + 1].isBatchNorm
            }
            if swaps {
                out.swapAt(i, i + 1)
                i += 2
            } else {
                i += 1
            }
        }
        return out
    }
}
