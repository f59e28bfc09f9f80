import BNFuzz
import Foundation

/// Drives ``MutationFuzzer`` against one target for a while. Before each input runs, it is
/// copied where a signal handler can reach it; if the target traps (SIGILL, SIGTRAP), aborts or
/// crashes (SIGSEGV, SIGBUS, SIGFPE), the handler writes the input to the crash folder as
/// `crash-<pid>` and exits 1, so the input can be kept as a regression test.
enum SwiftFuzzer {
    /// The input being run, for the signal handler (no allocation happens in the handler).
    nonisolated(unsafe) static var current = UnsafeMutablePointer<UInt8>.allocate(capacity: 1 << 16)
    nonisolated(unsafe) static var currentCount = 0
    nonisolated(unsafe) static var crashPath: UnsafeMutablePointer<CChar>?

    /// Runs `target` for `seconds` from the files of `corpus`; returns a one-line summary.
    static func run(_ target: FuzzTarget, seconds: Double, corpus: URL, crashes: URL) -> String {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: corpus.path)) ?? []
        let seeds = names.sorted().compactMap { try? [UInt8](Data(contentsOf: corpus.appendingPathComponent($0))) }
        try? FileManager.default.createDirectory(at: crashes, withIntermediateDirectories: true)
        crashPath = strdup(crashes.appendingPathComponent("crash-\(getpid())").path)
        for sig in [SIGILL, SIGTRAP, SIGABRT, SIGSEGV, SIGBUS, SIGFPE] { signal(sig, onCrash) }

        var fuzzer = MutationFuzzer(corpus: seeds, seed: UInt64(truncatingIfNeeded: time(nil)))
        let start = Date()
        var executions = 0
        for seed in seeds { execute(target, seed); executions += 1 }   // every seed once
        while Date().timeIntervalSince(start) < seconds {
            execute(target, fuzzer.next())
            executions += 1
        }
        let elapsed = Date().timeIntervalSince(start)
        return String(format: "%@: %d inputs in %.0f s (%.0f/s) from %d seeds, 0 crashes", target.rawValue, executions, elapsed,
                      Double(executions) / max(elapsed, 1e-9), seeds.count)
    }

    private static func execute(_ target: FuzzTarget, _ input: [UInt8]) {
        let count = min(input.count, 1 << 16)
        if count > 0 { input.withUnsafeBufferPointer { current.update(from: $0.baseAddress!, count: count) } }
        currentCount = count
        target.run(Data(input.prefix(count)))
    }
}

/// Writes the current input to the crash file and exits: only async-signal-safe calls.
private func onCrash(_ signal: Int32) {
    if let path = SwiftFuzzer.crashPath {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        if fd >= 0 {
            _ = write(fd, SwiftFuzzer.current, SwiftFuzzer.currentCount)
            close(fd)
        }
    }
    _exit(1)
}
