/// Which samples of a split to use: all, the first N, or the first N of each class.
public enum Subset: Sendable, Equatable, CustomStringConvertible {
    /// Every sample.
    case all
    /// The first N samples, in file order (all of them if the split has fewer).
    case first(Int)
    /// The first N samples of each class, in order of first appearance, kept in file order
    /// (balanced: every class must have at least N samples).
    case perClass(Int)

    /// `all`, `first 1000`, `100 per class`.
    public var description: String {
        switch self {
        case .all: "all"
        case .first(let n): "first \(n)"
        case .perClass(let n): "\(n) per class"
        }
    }
}
