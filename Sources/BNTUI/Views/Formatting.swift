import BNCharts

/// Short human formats for durations and rates.
enum Formatting {
    /// `0:42`, `12:05`, `1:02:03`; `--:--` when unknown.
    static func duration(_ seconds: Double?) -> String {
        guard let seconds, seconds.isFinite, seconds >= 0 else { return "--:--" }
        let s = Int(seconds.rounded())
        let h = s / 3600, m = (s % 3600) / 60, r = s % 60
        let two = { (n: Int) in n < 10 ? "0\(n)" : "\(n)" }
        return h > 0 ? "\(h):\(two(m)):\(two(r))" : "\(m):\(two(r))"
    }

    /// `3.8k/s`.
    /// An accuracy (a fraction) as a percentage with one decimal: `84.2%`.
    static func percent(_ fraction: Double) -> String {
        NumberFormat.fixed(fraction * 100, decimals: 1) + "%"
    }

    static func rate(_ samplesPerSecond: Double) -> String {
        NumberFormat.compact(samplesPerSecond, significantDigits: 2) + "/s"
    }

    /// The position of the selection's window in a list of `count` rows showing `visible` at a time.
    static func scrollOffset(selected: Int, count: Int, visible: Int) -> Int {
        guard visible > 0, count > visible else { return 0 }
        return min(max(0, selected - visible / 2), count - visible)
    }
}
