import BNLab

extension RunReport {
    /// What a run written by another program (e.g. the PyTorch recorder) adds under its title:
    /// its `params` (shown as its configuration when it has no bnlab config), its rank in a
    /// data-parallel run, and one line per `diagnostic`, marked `!` so that it stands out.
    func recorderLines(_ run: RunFile) -> [String] {
        let h = run.header
        var lines: [String] = []
        if !h.params.isEmpty { lines.append("  params: " + TerminalSafe.strip(h.paramsText)) }
        if let rank = h.rank {
            lines.append(TerminalSafe.strip("  rank \(rank) of \(h.worldSize.map(String.init) ?? "?")"
                                            + (h.group.map { ", group \($0)" } ?? "")))
        }
        for event in run.events {
            guard case .diagnostic(let d) = event else { continue }
            let text = "  ! \(d.severity.rawValue) \(d.kind.rawValue) at step \(d.step): " + TerminalSafe.strip(d.text)
            lines.append(color ? heading(text) : text)
        }
        return lines
    }
}
