import BNCore
import Testing
@testable import BNData

@Suite("Batch loader")
struct BatchLoaderTests {
    let dataset: IDXDataset

    init() throws {
        dataset = try TestSupport.subset()
    }

    private func loader(batchSize: Int = 64, shuffle: Bool = true, dropLast: Bool = false, seed: UInt64 = 7,
                        subset: Subset = .all) throws -> BatchLoader {
        try BatchLoader(split: dataset.train, batchSize: batchSize, shuffle: shuffle, dropLast: dropLast,
                        seed: seed, subset: subset, normalize: .fashionMNIST)
    }

    @Test("SplitMix64 gives the reference sequence for seed 0")
    func splitMixReference() {
        // Reference values of SplitMix64 (Vigna's splitmix64.c) started from state 0.
        var generator = SplitMix64(seed: 0)
        #expect(generator.next() == 0xE220_A839_7B1D_CDAF)
        #expect(generator.next() == 0x6E78_9E6A_A1B9_65F4)
        #expect(generator.next() == 0x06C4_5D18_8009_454F)
    }

    @Test("bounded draws stay below the bound and cover it")
    func bounded() {
        var generator = SplitMix64(seed: 3)
        var seen = Set<UInt64>()
        for _ in 0..<1000 {
            let value = generator.next(below: 7)
            #expect(value < 7)
            seen.insert(value)
        }
        #expect(seen.count == 7)
    }

    @Test("same seed, same batches")
    func sameSeed() throws {
        let a = Array(try loader().epoch(3)), b = Array(try loader().epoch(3))
        #expect(a.count == 16)
        #expect(a == b)
    }

    @Test("different epochs and different seeds give different orders")
    func differentOrders() throws {
        let l = try loader()
        #expect(l.order(epoch: 0) != l.order(epoch: 1))
        #expect(l.order(epoch: 0) != (try loader(seed: 8)).order(epoch: 0))
        #expect(l.order(epoch: 0) != Array(0..<1000))
    }

    @Test("every sample appears exactly once per epoch")
    func coverage() throws {
        let l = try loader(batchSize: 64)
        for epoch in 0..<3 {
            let seen = l.epoch(epoch).flatMap(\.indices)
            #expect(seen.count == 1000)
            #expect(Set(seen) == Set(0..<1000))
        }
    }

    @Test("without shuffle the order is the file order")
    func noShuffle() throws {
        let l = try loader(shuffle: false)
        #expect(l.order(epoch: 5) == Array(0..<1000))
        var epoch = l.epoch(0)
        let first = epoch.next()
        #expect(first?.indices == Array(0..<64))
    }

    @Test("batch counts with and without drop-last")
    func dropLast() throws {
        let keep = try loader(batchSize: 64, dropLast: false)
        let drop = try loader(batchSize: 64, dropLast: true)
        #expect(keep.batchCount == 16 && drop.batchCount == 15)
        #expect(drop.samplesPerEpoch == 960)
        let kept = Array(keep.epoch(0)), dropped = Array(drop.epoch(0))
        #expect(kept.map(\.count) == [Int](repeating: 64, count: 15) + [40])
        #expect(dropped.map(\.count) == [Int](repeating: 64, count: 15))
        // A batch size dividing the subset exactly drops nothing.
        #expect(Array(try loader(batchSize: 100, dropLast: true).epoch(0)).count == 10)
    }

    @Test("a batch is (N, 1, 28, 28), ToTensor then Normalize, with its labels")
    func batchContents() throws {
        let l = try loader(batchSize: 5)
        var epoch = l.epoch(2)
        let first = epoch.next()
        let batch = try #require(first)
        #expect(batch.input.shape == [5, 1, 28, 28])
        let normalize = Normalize.fashionMNIST
        for (row, index) in batch.indices.enumerated() {
            #expect(batch.labels[row] == dataset.train.label(at: index))
            let expected = try normalize(dataset.train.tensor(at: index))
            #expect(Array(batch.input.data[(row * 784)..<((row + 1) * 784)]) == expected.data)
        }
    }

    @Test("next(into:) refills the same batch and gives the same values as next()")
    func reuse() throws {
        let l = try loader(batchSize: 300)
        var reused = Batch()
        var iterator = l.epoch(1)
        var fresh = Array(l.epoch(1))
        var counts: [Int] = []
        while iterator.next(into: &reused) {
            #expect(reused == fresh.removeFirst())
            counts.append(reused.count)
        }
        #expect(counts == [300, 300, 300, 100])
        #expect(fresh.isEmpty)
    }

    @Test("balanced subset: N per class, in order of first appearance")
    func perClass() throws {
        let l = try loader(subset: .perClass(7))
        #expect(l.sampleCount == 70)
        var counts = [Int](repeating: 0, count: 10)
        for index in l.sampleIndices { counts[dataset.train.label(at: index)] += 1 }
        #expect(counts == [Int](repeating: 7, count: 10))
        // The first images of the subset's first classes, by hand: labels 9 0 0 3 0 2 7 2 5 5 …
        #expect(Array(l.sampleIndices.prefix(10)) == Array(0..<10))
        #expect(l.sampleIndices == l.sampleIndices.sorted())
        let seen = l.epoch(0).flatMap(\.indices)
        #expect(Set(seen) == Set(l.sampleIndices))
    }

    @Test("first-N subset")
    func firstN() throws {
        #expect((try loader(subset: .first(100))).sampleIndices == Array(0..<100))
        #expect((try loader(subset: .first(5000))).sampleCount == 1000)
    }

    @Test("impossible subsets and batch sizes are refused")
    func invalid() throws {
        #expect(throws: DataError.self) { try loader(subset: .perClass(101)) }
        #expect(throws: DataError.self) { try loader(subset: .perClass(0)) }
        #expect(throws: DataError.self) { try loader(subset: .first(0)) }
        #expect(throws: DataError.self) { try loader(batchSize: 0) }
        #expect(throws: DataError.self) { try loader().batch(indices: [1000]) }
    }
}
