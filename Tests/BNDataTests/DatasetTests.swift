import Foundation
import Testing
@testable import BNData

@Suite("Dataset")
struct DatasetTests {
    @Test("the subset loads with its counts, size, class names and balance")
    func subset() throws {
        let dataset = try TestSupport.subset()
        #expect(dataset.train.count == 1000 && dataset.test.count == 200)
        #expect(dataset.train.imageShape == [1, 28, 28])
        #expect(dataset.kind == .fashionMNIST)
        #expect(dataset.classNames.first == "T-shirt/top" && dataset.classNames.last == "Ankle boot")
        #expect(dataset.train.classCounts() == [Int](repeating: 100, count: 10))
        #expect(dataset.test.classCounts() == [Int](repeating: 20, count: 10))
        #expect(dataset.fileReports.map(\.role) == [.trainImages, .trainLabels, .testImages, .testLabels])
        #expect(dataset.fileReports.allSatisfy { $0.source.isGzip })
        #expect(dataset.fingerprint.count == 16)
        #expect(dataset.fingerprint.allSatisfy { $0.isHexDigit })
    }

    @Test("raw files are preferred to .gz, and give the same fingerprint")
    func rawAndGzipFingerprint() throws {
        let folder = try TestSupport.subsetCopy()
        defer { TestSupport.remove(folder) }
        let gzipped = try IDXDataset.load(from: folder)
        let images = try IDXReader.readImages(at: folder.appendingPathComponent("t10k-images-idx3-ubyte.gz"))
        try IDXWriter.writeImages(images.pixels, count: images.count, rows: images.rows, columns: images.columns,
                                  to: folder.appendingPathComponent("t10k-images-idx3-ubyte"), gzip: false)
        let mixed = try IDXDataset.load(from: folder)
        #expect(mixed.fileReports[2].source.isGzip == false)
        #expect(mixed.fingerprint == gzipped.fingerprint)
    }

    @Test("changing one pixel changes the fingerprint")
    func fingerprintSensitivity() throws {
        let folder = try TestSupport.subsetCopy()
        defer { TestSupport.remove(folder) }
        let before = try IDXDataset.load(from: folder).fingerprint
        let url = folder.appendingPathComponent("t10k-images-idx3-ubyte.gz")
        let images = try IDXReader.readImages(at: url)
        var pixels = images.pixels
        pixels[pixels.count - 1] ^= 1
        try IDXWriter.writeImages(pixels, count: images.count, rows: images.rows, columns: images.columns,
                                  to: url, gzip: true)
        #expect(try IDXDataset.load(from: folder).fingerprint != before)
    }

    @Test("the fingerprint is FNV-1a over 64-bit words")
    func fingerprintDefinition() {
        var fingerprint = DatasetFingerprint()
        #expect(fingerprint.hex == "cbf29ce484222325")
        // One byte: FNV-1a 64 of "a" is af63dc4c8601ec8c.
        fingerprint.combine(bytes: [0x61])
        #expect(fingerprint.hex == "af63dc4c8601ec8c")
    }

    @Test("class names: Fashion-MNIST by its first labels, digits by MNIST's, else by folder name")
    func detection() {
        let fashionTrain: [UInt8] = [9, 0, 0, 3, 0, 2, 7, 2, 5, 5, 0, 9, 5, 5, 7, 9]
        let mnistTest: [UInt8] = [7, 2, 1, 0, 4, 1, 4, 9, 5, 9, 0, 6, 9, 0, 1, 5]
        let other: [UInt8] = [1, 2, 3]
        let plain = URL(fileURLWithPath: "/data/set")
        let fashionFolder = URL(fileURLWithPath: "/data/My-Fashion-Set")
        #expect(DatasetKind.detect(trainLabels: fashionTrain, testLabels: other, folder: plain) == .fashionMNIST)
        #expect(DatasetKind.detect(trainLabels: other, testLabels: mnistTest, folder: fashionFolder) == .digits)
        #expect(DatasetKind.detect(trainLabels: other, testLabels: other, folder: fashionFolder) == .fashionMNIST)
        #expect(DatasetKind.detect(trainLabels: other, testLabels: other, folder: plain) == .digits)
        #expect(DatasetKind.digits.classNames == ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"])
    }

    @Test("a set that is not Fashion-MNIST gets digit class names")
    func digitsNames() throws {
        let folder = try TestSupport.scratchFolder("digits")
        defer { TestSupport.remove(folder) }
        let labels: [UInt8] = [3, 1, 4, 1, 5, 9, 2, 6]
        let pixels = [UInt8](repeating: 128, count: labels.count * 4)
        for split in ["train", "t10k"] {
            try IDXWriter.writeLabels(labels, to: folder.appendingPathComponent("\(split)-labels-idx1-ubyte.gz"), gzip: true)
            try IDXWriter.writeImages(pixels, count: labels.count, rows: 2, columns: 2,
                                      to: folder.appendingPathComponent("\(split)-images-idx3-ubyte"), gzip: false)
        }
        let dataset = try IDXDataset.load(from: folder)
        #expect(dataset.kind == .digits)
        #expect(dataset.classNames[9] == "9")
        #expect(dataset.train.imageShape == [1, 2, 2])
    }

    @Test("data folder: --data, else BNLAB_DATA, else the Debian folder")
    func folderResolution() {
        let environment = ["BNLAB_DATA": "/from/env"]
        let option = DataFolder.resolve(option: "/from/option", environment: environment)
        #expect(option.url.path == "/from/option" && option.source == .option)
        let fromEnvironment = DataFolder.resolve(option: nil, environment: environment)
        #expect(fromEnvironment.url.path == "/from/env" && fromEnvironment.source == .environment)
        let fallback = DataFolder.resolve(option: "", environment: ["BNLAB_DATA": ""])
        #expect(fallback.url.path == DataFolder.defaultPath && fallback.source == .defaultFolder)
    }
}
