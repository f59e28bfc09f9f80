import BNCharts
import BNLab

/// Runs of one configuration trained with different seeds, drawn as one mean line with a min–max
/// band: ``groups(_:)`` finds them among replayed runs, and ``init(records:)`` computes the band,
/// which the loss chart hands to its `LineChart` as a ``ChartBand`` to shade.
///
/// ```text
/// step   r1 loss  r2 loss  r3 loss   →  mean   low   high
///   10   0.80     0.90     0.70         0.80   0.70  0.90
/// ```
public struct SeedBand: Sendable, Equatable {
    /// The mean loss over the runs, at every step all of them recorded a finite loss.
    public var mean: [ChartPoint]
    /// The lowest loss of the runs at those steps.
    public var low: [ChartPoint]
    /// The highest loss of the runs at those steps.
    public var high: [ChartPoint]

    /// The band of `records`' training losses, over the steps every record has a finite loss at.
    public init(records: [RunRecord]) {
        mean = []
        low = []
        high = []
        guard let first = records.first else { return }
        let others = records.dropFirst().map { record in
            Dictionary(record.losses.filter { $0.y.isFinite }.map { ($0.x, $0.y) }, uniquingKeysWith: { _, last in last })
        }
        for point in first.losses where point.y.isFinite {
            var values = [point.y]
            for other in others {
                guard let y = other[point.x] else { break }
                values.append(y)
            }
            guard values.count == records.count else { continue }
            mean.append(ChartPoint(x: point.x, y: values.reduce(0, +) / Double(values.count)))
            low.append(ChartPoint(x: point.x, y: values.min()!))
            high.append(ChartPoint(x: point.x, y: values.max()!))
        }
    }

    /// Indices of `sources` grouped by configuration: runs whose configurations differ only in
    /// `seed` (and whose seeds differ) form one group, in the order of their first run; every other
    /// run is a group of its own. Runs without a readable configuration are never grouped.
    public static func groups(_ sources: [ReplaySource]) -> [[Int]] {
        let flat: [[String: String]?] = sources.map { source in
            source.header.config.map { ConfigDiff.flatten($0).filter { $0.key != "seed" } }
        }
        var groups: [[Int]] = []
        var grouped = Set<Int>()
        for i in sources.indices where !grouped.contains(i) {
            var group = [i]
            grouped.insert(i)
            if let mine = flat[i], !mine.isEmpty {
                for j in sources.indices where j > i && !grouped.contains(j) && flat[j] == mine
                    && !group.contains(where: { sources[$0].header.seed == sources[j].header.seed }) {
                    group.append(j)
                    grouped.insert(j)
                }
            }
            groups.append(group)
        }
        return groups
    }
}
