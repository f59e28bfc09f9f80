import BNFuzz
import Foundation
import Testing

/// Every seed of the fuzz corpora and every input a fuzzer ever crashed on
/// (`Fixtures/fuzz-regressions/TARGET/`) goes through its target again: a regression would trap
/// and fail the test run.
@Suite("Fuzz regressions")
struct FuzzRegressionTests {
    static let fixtures = Bundle.module.resourceURL!.appendingPathComponent("Fixtures")

    /// The files of `folder/target`, sorted (none if it does not exist).
    static func inputs(_ folder: String, _ target: FuzzTarget) -> [URL] {
        let dir = fixtures.appendingPathComponent(folder).appendingPathComponent(target.rawValue)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted().map { dir.appendingPathComponent($0) }
    }

    @Test("every kept crashing input and every seed runs through its target without trapping",
          arguments: FuzzTarget.allCases)
    func replay(target: FuzzTarget) throws {
        let seeds = Self.inputs("fuzz-corpus", target), crashes = Self.inputs("fuzz-regressions", target)
        #expect(!seeds.isEmpty, "no seed corpus for \(target.rawValue)")
        for url in seeds + crashes {
            let start = Date()
            target.run(try Data(contentsOf: url))
            #expect(Date().timeIntervalSince(start) < 20, "\(url.lastPathComponent) took too long")
        }
    }

    @Test("the mutation fuzzer is deterministic for a seed and runs each target briefly without trapping")
    func shortFuzz() throws {
        for target in FuzzTarget.allCases {
            let seeds = try Self.inputs("fuzz-corpus", target).map { try [UInt8](Data(contentsOf: $0)) }
            var a = MutationFuzzer(corpus: seeds, seed: 42), b = MutationFuzzer(corpus: seeds, seed: 42)
            for _ in 0..<30 {
                let input = a.next()
                #expect(input == b.next())
                target.run(Data(input))
            }
        }
    }
}
