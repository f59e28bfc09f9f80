import ArgumentParser
import BNCore
import BNTUI
import Foundation

/// `bnlab bench`: training speed of the seed networks, single-threaded.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure training speed (samples/s) of the seed MLPs and CNN, single-threaded.",
        discussion: """
        Trains each workload on synthetic 28×28 batches of 64 with SGD (lr 0.01): the MLP \
        784-256-256-10 with and without BatchNorm, and the seed CNN. Also measures this machine's \
        single-thread sgemm rate, to show what fraction of it the MLP reaches. Compare with \
        `python3 scripts/bench-pytorch.py`, which runs the same workloads in PyTorch.
        """
    )

    @Option(help: "Timed batches per workload.")
    var batches = 400

    @Option(help: "Samples per batch.")
    var batchSize = 64

    @Option(help: "Only these workloads (mlp-bn, mlp, cnn-bn); repeatable.")
    var workload: [String] = []

    @Flag(help: "Print machine-readable JSON.")
    var json = false

    @Flag(help: "Also show where each workload's step time goes, layer by layer.")
    var layers = false

    @Flag(help: "Measure the workbench's loop instead: turn times and frames per second while demo runs train.")
    var ui = false

    func validate() throws {
        guard batches > 0, batchSize > 1 else { throw ValidationError("--batches must be positive and --batch-size at least 2") }
        let known = BenchmarkWorkload.all.map(\.name)
        for w in workload where !known.contains(w) {
            throw ValidationError("unknown workload '\(w)'; choose from \(known.joined(separator: ", "))")
        }
    }

    func run() throws {
        if ui { return benchLoop() }
        BLAS.setThreads(1)
        let chosen = BenchmarkWorkload.all.filter { workload.isEmpty || workload.contains($0.name) }
        let sgemm = Benchmark.sgemmRate()
        var results: [BenchmarkResult] = []
        var memory: [String: [Double]] = [:]
        for w in chosen {
            if !json { StandardStreams.writeError("bench: \(w.title)…\n") }
            // Resident memory after a first run and after a second, longer one: a training step
            // that allocated something growing with the step count would show up as a difference.
            _ = try Benchmark.run(w, batches: batches / 4 + 1, batchSize: batchSize)
            let before = residentMiB()
            let r = try Benchmark.run(w, batches: batches, batchSize: batchSize)
            memory[w.name] = [before, residentMiB()]
            results.append(r)
        }
        if json {
            struct Report: Encodable {
                var blasKernels: String
                var sgemmGflops: Double
                var results: [BenchmarkResult]
                var residentMiB: [String: [Double]]
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            let data = try encoder.encode(Report(blasKernels: KernelChoice.current, sgemmGflops: sgemm, results: results, residentMiB: memory))
            print(String(decoding: data, as: UTF8.self))
            return
        }
        print(String(format: "sgemm (512³, one thread, OpenBLAS %@ kernels): %.1f GFLOP/s", KernelChoice.current, sgemm))
        print("workload                          samples/s   GFLOP/s   of sgemm   resident MiB")
        for r in results {
            let mem = memory[r.name].map { String(format: "%.0f → %.0f", $0[0], $0[1]) } ?? ""
            print(String(format: "%@ %10.0f %9.1f %9.0f%%   %@",
                         r.title.padding(toLength: 32, withPad: " ", startingAt: 0),
                         r.samplesPerSecond, r.gflops, 100 * r.gflops / sgemm, mem))
        }
        guard layers else { return }
        for w in chosen {
            print("\n\(w.title): microseconds per step")
            print("  layer                                    forward   backward")
            for t in try Benchmark.profile(w, batches: max(batches / 4, 10), batchSize: batchSize) {
                print(String(format: "  %@ %9.1f %10.1f", t.layer.padding(toLength: 40, withPad: " ", startingAt: 0),
                             t.forward * 1e6, t.backward * 1e6))
            }
        }
    }

    /// This process's resident memory in MiB (Linux `/proc/self/statm`), or 0 when unknown.
    private func residentMiB() -> Double {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = Double(fields[1]) else { return 0 }
        return pages * Double(sysconf(Int32(_SC_PAGESIZE))) / 1_048_576
    }

    /// `--ui`: the workbench loop's turn times while two demo runs train (see ``LoopBenchmark``).
    private func benchLoop() {
        let r = LoopBenchmark.run()
        func ms(_ d: Duration) -> Double { d.inSeconds * 1000 }
        if json {
            print(String(format: #"{"turns": %d, "worst_turn_ms": %.2f, "median_turn_ms": %.2f, "frames_per_second": %.1f, "timed_out_waits": %d}"#,
                         r.turns, ms(r.worstTurn), ms(r.medianTurn), r.framesPerSecond, r.timedOutWaits))
        } else {
            print(String(format: "workbench loop: %d turns, slowest %.1f ms, median %.2f ms, %.1f frames/s", r.turns,
                         ms(r.worstTurn), ms(r.medianTurn), r.framesPerSecond))
            print("a key is answered within two turns; aim: slowest turn under 50 ms, at least 5 frames/s")
            if r.timedOutWaits > 0 { print("warning: \(r.timedOutWaits) scripted waits timed out") }
        }
    }
}
