/// The training settings a program other than bnlab (the PyTorch recorder) names in a header's
/// `params`, read for run listings when the header has no bnlab `config`: `lr`, `batch_size` and
/// `momentum`, as the README's recorder example writes them.
public struct ParamSettings: Sendable, Equatable {
    /// `params.lr`, when a finite number.
    public var lr: Double?
    /// `params.batch_size`, when a whole number from 1 to 2^53.
    public var batchSize: Int?
    /// `params.momentum`, when a finite number.
    public var momentum: Double?

    /// The settings of `params` (each nil when absent or not a number of its kind).
    public init(_ params: [String: RunParam]) {
        func number(_ key: String) -> Double? {
            if case .number(let d)? = params[key], d.isFinite { d } else { nil }
        }
        lr = number("lr")
        momentum = number("momentum")
        if let size = number("batch_size"), size.rounded() == size, (1...9_007_199_254_740_992).contains(size) {
            batchSize = Int(size)
        }
    }
}
