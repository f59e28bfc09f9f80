/// The lines that differ between a stored golden text and a rendered one, unified-diff style:
/// `@@ line N (BLOCK row R) @@` (N 1-based in the file, R the terminal row from 0), then `-stored`
/// and `+rendered`.
///
/// Golden files of one size have the same layout line for line, so lines are compared by position;
/// runs of differing lines are grouped under one `@@` heading. At most `limit` output lines.
enum ScreenDiff {
    /// The diff text; empty when the texts are equal.
    static func lines(stored: String, rendered: String, limit: Int = 60) -> [String] {
        let old = stored.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let new = rendered.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var out: [String] = []
        var previous = -2
        var differing = 0
        for i in 0..<max(old.count, new.count) {
            let a = i < old.count ? old[i] : nil
            let b = i < new.count ? new[i] : nil
            guard a != b else { continue }
            differing += 1
            guard out.count < limit else { continue }
            if i != previous + 1 { out.append("@@ line \(i + 1)\(place(of: i, in: new)) @@") }
            if let a { out.append("-" + a) }
            if let b { out.append("+" + b) }
            previous = i
        }
        if out.count >= limit { out.append("… \(differing) differing lines in all") }
        return out
    }

    /// ` (text row 3)` for line `index` of `lines`: the block heading (`## NAME…`) above it and the
    /// row within that block; empty above the first block.
    static func place(of index: Int, in lines: [String]) -> String {
        guard index < lines.count,
              let heading = lines[..<index].lastIndex(where: { $0.hasPrefix("## ") }) else { return "" }
        let block = lines[heading].dropFirst(3).prefix { $0 != ":" }
        return " (\(block) row \(index - heading - 1))"
    }
}
