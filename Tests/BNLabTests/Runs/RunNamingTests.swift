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

    static func rank(_ rank: Int, group: String, seed: UInt64 = 0, variant: String = "bn") -> RunIdentity {
        RunIdentity(experiment: "ddp-bn", variant: variant, seed: seed, tag: "r\(rank)\(group)", rank: rank, group: group)
    }

    @Test func theRankFilesOfOneRunAreNamedByRankNeverBySeedOrID() {
        #expect(RunNaming.labels([Self.rank(0, group: "g1"), Self.rank(1, group: "g1")]) == ["bn r0", "bn r1"])
        // seeds that differ per rank (seed + rank) do not name them either
        let seeded = [Self.rank(0, group: "g1", seed: 7), Self.rank(1, group: "g1", seed: 8)]
        #expect(RunNaming.labels(seeded) == ["bn r0", "bn r1"])
        // one rank file alone still says which rank it is
        #expect(RunNaming.labels([Self.rank(1, group: "g1")]) == ["bn r1"])
    }

    @Test func severalDataParallelRunsOfOneVariantAreToldApartAsRuns() {
        let bySeed = [Self.rank(0, group: "g1", seed: 1), Self.rank(1, group: "g1", seed: 1),
                      Self.rank(0, group: "g2", seed: 2), Self.rank(1, group: "g2", seed: 2)]
        #expect(RunNaming.labels(bySeed) == ["bn s1 r0", "bn s1 r1", "bn s2 r0", "bn s2 r1"])
        let byGroup = [Self.rank(0, group: "g1"), Self.rank(1, group: "g1"), Self.rank(0, group: "g2"), Self.rank(1, group: "g2")]
        #expect(RunNaming.labels(byGroup) == ["bn #g1 r0", "bn #g1 r1", "bn #g2 r0", "bn #g2 r1"])
        let withSync = [Self.rank(0, group: "g1"), Self.rank(1, group: "g1"),
                        Self.rank(0, group: "g2", variant: "syncbn"), Self.rank(1, group: "g2", variant: "syncbn")]
        #expect(RunNaming.labels(withSync) == ["bn r0", "bn r1", "syncbn r0", "syncbn r1"])
    }

    @Test func oneRunIsNamedAsAllAreNamed() {
        let runs = [Self.rank(0, group: "g1"), Self.rank(1, group: "g1"), Self.run("bn", seed: 1, tag: "a", experiment: "ddp-bn"),
                    Self.run("bn", seed: 2, tag: "b", experiment: "ddp-bn"), Self.run("no-bn", seed: 1, tag: "c")]
        let all = RunNaming.labels(runs)
        #expect(all == ["ddp-bn/bn s0 r0", "ddp-bn/bn s0 r1", "ddp-bn/bn s1", "ddp-bn/bn s2", "bn-vs-no-bn/no-bn"])
        #expect(runs.map { RunNaming.label(of: $0, among: runs) } == all)
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
