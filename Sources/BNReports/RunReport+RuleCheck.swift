import BNCharts
import BNLab

extension RunReport {
    /// The largest relative difference between recorded and recomputed running statistics that
    /// still counts as following PyTorch's rule: float32 rounding, far below any real departure.
    static let ruleTolerance = 1e-5

    /// The proof of PyTorch's rule, per run and BN layer: from the `bn_watch` events (every forward
    /// of a few watched channels), the running statistics recomputed by ``RunningStatsRule`` and
    /// the largest relative difference from the recorded ones, e.g.
    /// `layer 2: running_mean and running_var follow PyTorch's rule at all 1,876 forwards of
    /// channels 0, 64, 128, 192 (max relative difference 4.1e-7)`. Format 1.0 files say they have
    /// no per-forward record.
    func ruleCheck() -> [String] {
        var lines = [heading("BatchNorm running statistics against PyTorch's rule (every forward of the watched channels)")]
        for run in runs {
            let name = TerminalSafe.strip(label(run))
            let watches = run.events.compactMap { event -> BNWatch? in
                if case .bnWatch(let w) = event { w } else { nil }
            }
            guard run.header.version >= FormatVersion(major: 1, minor: 1) else {
                lines.append("\(name): format \(run.header.version) file, no per-forward record (bn_watch events come with "
                             + "format 1.1): run it again to check the rule")
                continue
            }
            if let url = run.url, unwatchedReads.contains(url) {
                lines.append("\(name): a large file, read without its per-forward record for speed: "
                             + "`bnlab show --rule-check` checks the rule at every forward")
                continue
            }
            guard !watches.isEmpty else {
                lines.append("\(name): no bn_watch events (no BatchNorm layer, or no watched channels recorded)")
                continue
            }
            lines.append(name + ":")
            var layers: [String] = []
            for w in watches where !layers.contains(w.layer) { layers.append(w.layer) }
            for layer in layers {
                let check = RunningStatsRule.check(watches.filter { $0.layer == layer })
                lines += Self.ruleLines(layer: TerminalSafe.strip(layer), rule: check.rule)
            }
        }
        return lines
    }

    /// The lines of one layer: whether it follows the rule at every forward, with the largest
    /// relative difference, and the rule itself.
    static func ruleLines(layer: String, rule: RunningStatsRule) -> [String] {
        if let problem = rule.problem {
            return ["  layer \(layer): the rule cannot be checked: \(problem)"]
        }
        let channels = rule.channels.map(String.init).joined(separator: ", ")
        let worst = max(rule.maxRelativeMean, rule.maxRelativeVariance)
        let forwards = grouped(rule.events)
        let text: String
        if rule.updates == 0 {
            text = "no train-mode forward to check over \(forwards) forwards of channels \(channels)"
        } else if worst <= ruleTolerance {
            text = "running_mean and running_var follow PyTorch's rule at all \(forwards) forwards of channels \(channels)"
                + " (max relative difference \(difference(worst)))"
        } else {
            text = "running statistics depart from PyTorch's rule over \(forwards) forwards of channels \(channels)"
                + " (max relative difference: running_mean \(difference(rule.maxRelativeMean)),"
                + " running_var \(difference(rule.maxRelativeVariance)); above \(difference(ruleTolerance)))"
        }
        return ["  layer \(layer): " + text, "    rule: " + rule.formula]
    }

    /// `4.1e-7`, or `0` when exact.
    static func difference(_ x: Double) -> String {
        x == 0 ? "0" : NumberFormat.scientific(x, significantDigits: 2, trimmingZeros: true)
    }

    /// `1,876`: an integer with thousands separators.
    static func grouped(_ n: Int) -> String {
        let digits = Array(String(abs(n)))
        var out = ""
        for (i, d) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(d)
        }
        return (n < 0 ? "-" : "") + out
    }
}
