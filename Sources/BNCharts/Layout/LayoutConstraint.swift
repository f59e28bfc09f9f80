/// The size of one part when a ``Rect`` is split into columns or rows.
public enum LayoutConstraint: Sendable, Hashable {
    /// Exactly `n` cells (fewer if the space runs out).
    case fixed(Int)
    /// `numerator / denominator` of the whole length, rounded down.
    case ratio(Int, Int)
    /// `p` percent of the whole length, rounded down.
    case percent(Int)
    /// A share of what the other parts leave, proportional to the weight.
    case fill(Int)

    /// A `fill` with weight 1.
    public static let rest = LayoutConstraint.fill(1)

    /// Sizes of the parts of a length `total`: fixed, ratio and percent parts first (in order, each
    /// clamped to what is left), then the remainder shared by the `fill` parts by weight; the last
    /// fill part takes the rounding leftovers so fills cover the length exactly.
    public static func sizes(_ constraints: [LayoutConstraint], total: Int) -> [Int] {
        let total = max(0, total)
        var sizes = constraints.map { c -> Int in
            switch c {
            case .fixed(let n): return max(0, n)
            case .ratio(let a, let b): return b > 0 ? max(0, total * a / b) : 0
            case .percent(let p): return max(0, total * p / 100)
            case .fill: return 0
            }
        }
        var used = 0
        for i in sizes.indices {
            sizes[i] = min(sizes[i], total - used)
            used += sizes[i]
        }
        let fillIndices = constraints.indices.filter {
            if case .fill = constraints[$0] { return true } else { return false }
        }
        let weights = fillIndices.map { i -> Int in
            if case .fill(let w) = constraints[i] { return max(0, w) } else { return 0 }
        }
        let totalWeight = weights.reduce(0, +)
        let rest = total - used
        if totalWeight > 0, rest > 0 {
            var given = 0
            for (k, i) in fillIndices.enumerated() {
                sizes[i] = rest * weights[k] / totalWeight
                given += sizes[i]
            }
            if let k = weights.lastIndex(where: { $0 > 0 }) {
                let last = fillIndices[k]
                sizes[last] += rest - given
            }
        }
        return sizes
    }
}
