import ArgumentParser
import BNParity
import Foundation

/// `bnlab parity FILE.json`: checks the core against a file of PyTorch reference results.
struct ParityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parity",
        abstract: "Check bnlab's core against PyTorch reference results.",
        discussion: """
        Runs every case of a golden file (kinds module, loss, optimizer, trajectory, scheduler, init, and expected \
        errors) and prints one line per case: name, ok or FAIL, and the largest absolute error. \
        Exit status 0 when all pass, 1 when any fails, 2 when the file cannot be read.

        Example: bnlab parity Tests/BNParityTests/Fixtures/pytorch-golden.json
        """
    )

    @Argument(help: "A golden file (JSON) in bnlab's parity format.")
    var file: String

    @Flag(name: .shortAndLong, help: "Print every failure reason, not just the first.")
    var verbose = false

    func run() throws {
        let golden: GoldenFile
        do {
            golden = try GoldenFile.load(URL(fileURLWithPath: file))
        } catch {
            printError("bnlab parity: \(error)")
            throw ExitCode(2)
        }
        let results = ParityRunner().run(golden)
        let width = min(max(results.map(\.name.count).max() ?? 0, 10), 60)
        for r in results {
            let name = r.name.padding(toLength: width, withPad: " ", startingAt: 0)
            let error = r.maxAbsError.isNaN ? "nan" : String(format: "%.2e", r.maxAbsError)
            var line = "\(name)  \(r.passed ? "ok  " : "FAIL")  max abs error \(error)"
            if let first = r.failures.first { line += "  — \(first)" }
            print(line)
            if verbose { for reason in r.failures.dropFirst() { print("    \(reason)") } }
        }
        let failed = results.filter { !$0.passed }.count
        print("\(results.count - failed) passed, \(failed) failed")
        if failed > 0 { throw ExitCode(1) }
    }
}

