import BNLab
import Foundation

/// Prints the queue's progress on stderr until every run has finished.
struct ProgressPrinter {
    let queue: RunQueue
    let ids: [RunID]

    func waitAndPrint() {
        let tty = isatty(2) == 1
        var lastPrint = Date.distantPast
        while true {
            let statuses = ids.compactMap(queue.status(of:))
            let done = statuses.allSatisfy { $0.state.isFinished }
            let interval: TimeInterval = tty ? 0.5 : 10
            if done || Date().timeIntervalSince(lastPrint) >= interval {
                lastPrint = Date()
                let line = statuses.map(describe).joined(separator: "  |  ")
                StandardStreams.writeError((tty ? "\r\u{1B}[K" + String(line.prefix(200)) : line + "\n"))
            }
            if done { break }
            Thread.sleep(forTimeInterval: 0.2)
        }
        if tty { StandardStreams.writeError("\n") }
    }

    private func describe(_ s: RunStatus) -> String {
        let name = s.name.split(separator: "/").last.map(String.init) ?? s.name
        guard let p = s.progress, s.state == .running || s.state == .paused else { return "\(name) \(s.state.rawValue)" }
        let eta = p.etaSeconds.map { String(format: " ETA %d:%02d", Int($0) / 60, Int($0) % 60) } ?? ""
        return String(format: "%@ e%d/%d s%d/%d %.0f/s%@", name, p.epoch, p.totalEpochs, p.step, p.totalSteps,
                      p.samplesPerSecond, eta)
    }
}
