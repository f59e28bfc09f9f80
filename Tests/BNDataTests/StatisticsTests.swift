import Foundation
import Testing
@testable import BNData

@Suite("Mean and std")
struct StatisticsTests {
    @Test("statistics of a tiny known image")
    func tiny() {
        // Values 0 and 255, twice each: mean 0.5, unbiased std sqrt(4·0.25/3) = 0.57735.
        let statistics = ChannelStatistics.of(pixels: [0, 255, 0, 255], channels: 1)
        #expect(statistics.mean == [0.5])
        #expect(abs(statistics.std[0] - (1.0 / 3).squareRoot()) < 1e-12)
        #expect(statistics.valuesPerChannel == 4)
    }

    @Test("per-channel statistics of a two-channel image")
    func twoChannels() {
        // Channel 0: 0, 51; channel 1: 255, 255.
        let statistics = ChannelStatistics.of(pixels: [0, 255, 51, 255], channels: 2)
        #expect(abs(statistics.mean[0] - 0.1) < 1e-12)
        #expect(statistics.mean[1] == 1)
        #expect(statistics.std[1] == 0)
    }

    @Test("the subset's mean and std (computed independently in Python: 0.287322 / 0.355235)")
    func subset() throws {
        let dataset = try TestSupport.subset()
        let train = dataset.train.statistics()
        #expect(abs(train.mean[0] - 0.287322) < 5e-6)
        #expect(abs(train.std[0] - 0.355235) < 5e-6)
        #expect(train.valuesPerChannel == 784_000)
        let test = dataset.test.statistics()
        #expect(abs(test.mean[0] - 0.287794) < 5e-6)
        #expect(abs(test.std[0] - 0.356584) < 5e-6)
    }

    @Test("Fashion-MNIST's full training set: 0.2860 / 0.3530",
          .enabled(if: FileManager.default.fileExists(atPath: DataFolder.defaultPath + "/train-images-idx3-ubyte.gz"),
                   "the full Fashion-MNIST set is not installed (apt-get install dataset-fashion-mnist)"))
    func fullSet() throws {
        let dataset = try IDXDataset.load(from: URL(fileURLWithPath: DataFolder.defaultPath))
        #expect(dataset.kind == .fashionMNIST)
        #expect(dataset.train.count == 60_000 && dataset.test.count == 10_000)
        let statistics = dataset.train.statistics()
        #expect(String(format: "%.4f", statistics.mean[0]) == "0.2860")
        #expect(String(format: "%.4f", statistics.std[0]) == "0.3530")
    }
}
