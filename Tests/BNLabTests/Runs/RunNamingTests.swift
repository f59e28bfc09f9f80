import BNLab
import Testing

@Suite("Run names and context")
struct RunNamingTests {
    static func run(_ variant: String, seed: UInt64?, tag: String, experiment: String = "bn-vs-no-bn") -> RunIdentity {
        RunIdentity(experiment: experiment, variant: variant, seed: seed, tag: tag)
    }

    @Test func aUniqueVariantIsItsName() {
        let runs = [Self.run("bn", seed: 1, tag: "a"), Self.run("no-bn", seed: 1, tag: "b")]
        #expect(RunNaming.labels(runs) == ["bn", "no-bn"])
    }

    @Test func seedsTellRunsOfOneVariantApart() {
        let runs = [Self.run("bn", seed: 1, tag: "a"), Self.run("bn", seed: 2, tag: "b"),
                    Self.run("bn", seed: 3, tag: "c"), Self.run("no-bn", seed: 1, tag: "d")]
        #expect(RunNaming.labels(runs) == ["bn s1", "bn s2", "bn s3", "no-bn"])
    }

    @Test func sameOrUnknownSeedsFallBackToTheRunID() {
        let same = [Self.run("bn", seed: 1, tag: "a3f9c2"), Self.run("bn", seed: 1, tag: "#7")]
        #expect(RunNaming.labels(same) == ["bn #a3f9c2", "bn #7"])
        let unknown = [Self.run("bn", seed: nil, tag: "#1"), Self.run("bn", seed: 4, tag: "#2")]
        #expect(RunNaming.labels(unknown) == ["bn #1", "bn #2"])
    }

    @Test func severalExperimentsQualifyTheNameUnlessAColumnShowsThem() {
        let runs = [Self.run("bn", seed: 1, tag: "a"), Self.run("bn", seed: 1, tag: "b", experiment: "frozen-bn")]
        #expect(RunNaming.labels(runs) == ["bn-vs-no-bn/bn", "frozen-bn/bn"])
        #expect(RunNaming.labels(runs, qualifiesExperiment: false) == ["bn", "bn"])
    }

    @Test func controlCharactersFromFilesAreStripped() {
        let runs = [Self.run("bn\u{1B}]0;pwned\u{07}", seed: 1, tag: "a")]
        #expect(RunNaming.labels(runs) == ["bn]0;pwned"])
    }

    @Test func contextSaysSubsetAndEpochs() {
        let quick = RunContext(trainImages: 3000, testImages: 600, epochs: 2)
        #expect(quick.text() == "subset 3000/600 · 2 ep")
        #expect(quick.text(unicode: false) == "subset 3000/600 | 2 ep")
        #expect(quick.dataText == "3000/600")
        let full = RunContext(trainImages: nil, testImages: nil, epochs: 10)
        #expect(full.text() == "full data · 10 ep" && full.dataText == "full" && !full.isSubset)
        #expect(RunContext(trainImages: 500, testImages: nil, epochs: 1).dataText == "500/all")
    }
}
