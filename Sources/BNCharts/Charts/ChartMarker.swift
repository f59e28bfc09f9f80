/// A vertical line across a line chart at one x value, e.g. an epoch boundary or a phase change.
///
/// ```swift
/// chart.markers = [ChartMarker(x: 938, style: .faint),
///                  ChartMarker(x: 1876, label: "freeze", style: .labelled)]
/// ```
public struct ChartMarker: Sendable, Hashable {
    /// How a marker is drawn.
    public enum Kind: Sendable, Hashable {
        /// A dotted dim line without a label (epoch boundaries).
        case faint
        /// A solid line with its label at the top of the plot (phases, freezes).
        case labelled
    }

    /// Where the line goes, in x-axis units.
    public var x: Double
    /// A short text shown next to the line for ``Kind/labelled`` markers.
    public var label: String
    /// Faint or labelled.
    public var style: Kind
    /// The line's color (the label takes it too).
    public var color: ChartColor

    /// Creates a marker.
    public init(x: Double, label: String = "", style: Kind = .faint, color: ChartColor = .gray) {
        self.x = x
        self.label = label
        self.style = style
        self.color = color
    }
}

extension ChartMarker {
    /// At most about `limit` of `ends` (the x of every epoch's end, in order): every k-th, with k
    /// the smallest of 1, 2, 5, 10, 20, 50, … that keeps the count within the limit, so a long
    /// run's boundaries stay readable lines instead of filling the plot.
    public static func thinned(_ ends: [Double], limit: Int = 12) -> [Double] {
        guard ends.count > limit, limit > 0 else { return ends }
        var k = 1, decade = 1, i = 0
        let steps = [1, 2, 5]
        while ends.count / k > limit {
            i += 1
            if i % 3 == 0 { decade *= 10 }
            k = steps[i % 3] * decade
        }
        return ends.enumerated().filter { ($0.offset + 1) % k == 0 }.map(\.element)
    }
}
