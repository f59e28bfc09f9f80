import Foundation
import Testing
@testable import BNData

/// Every kind of bad input gives one clear line naming the file, what is wrong and what to do.
@Suite("Broken files")
struct BrokenFileTests {
    let trainImages = "train-images-idx3-ubyte.gz"
    let trainLabels = "train-labels-idx1-ubyte.gz"
    let testLabels = "t10k-labels-idx1-ubyte.gz"

    /// Checks the shape every message must have: one line, the path first, a remedy after `;`.
    private func expectClearMessage(_ error: DataError, naming path: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let message = error.message
        #expect(!message.contains("\n"), "message spans several lines: \(message)", sourceLocation: sourceLocation)
        #expect(message.hasPrefix(path), "message does not start with \(path): \(message)", sourceLocation: sourceLocation)
        #expect(message.contains("; "), "message has no remedy: \(message)", sourceLocation: sourceLocation)
        #expect(error.description == message, sourceLocation: sourceLocation)
    }

    @Test("missing folder")
    func missingFolder() throws {
        let scratch = try TestSupport.scratchFolder()
        defer { TestSupport.remove(scratch) }
        let folder = scratch.appendingPathComponent("nowhere")
        let error = try #require(TestSupport.loadError(folder))
        #expect(error.kind == .folderNotFound)
        expectClearMessage(error, naming: folder.path)
        #expect(error.message.contains("data folder not found"))
        #expect(error.message.contains("apt-get install dataset-fashion-mnist"))
        #expect(error.message.contains("--data DIR"))
    }

    @Test("a file where the folder should be")
    func folderIsAFile() throws {
        let scratch = try TestSupport.scratchFolder()
        defer { TestSupport.remove(scratch) }
        let folder = scratch.appendingPathComponent("plain-file")
        try TestSupport.write([1, 2, 3], to: folder)
        let error = try #require(TestSupport.loadError(folder))
        #expect(error.kind == .notAFolder)
        expectClearMessage(error, naming: folder.path)
        #expect(error.message.contains("is not a folder"))
    }

    @Test("missing file")
    func missingFile() throws {
        let folder = try TestSupport.subsetCopy()
        defer { TestSupport.remove(folder) }
        try FileManager.default.removeItem(at: folder.appendingPathComponent(trainLabels))
        let error = try #require(TestSupport.loadError(folder))
        #expect(error.kind == .fileNotFound)
        expectClearMessage(error, naming: folder.appendingPathComponent("train-labels-idx1-ubyte").path)
        #expect(error.message.contains("file not found"))
        #expect(error.message.contains("t10k-images-idx3-ubyte.gz"))   // lists what the folder holds
        #expect(error.message.contains("apt-get install dataset-fashion-mnist"))
    }

    @Test("a directory where a file should be")
    func directoryInsteadOfFile() throws {
        let folder = try TestSupport.subsetCopy()
        defer { TestSupport.remove(folder) }
        let path = folder.appendingPathComponent(testLabels)
        try FileManager.default.removeItem(at: path)
        try FileManager.default.createDirectory(at: path, withIntermediateDirectories: false)
        let error = try #require(TestSupport.loadError(folder))
        #expect(error.kind == .notAFile)
        expectClearMessage(error, naming: path.path)
        #expect(error.message.contains("is a directory, expected an IDX file"))
    }

    @Test("reading a directory directly")
    func readerGivenDirectory() throws {
        let folder = try TestSupport.scratchFolder()
        defer { TestSupport.remove(folder) }
        #expect(throws: DataError.self) { try IDXReader.readLabels(at: folder) }
        do {
            _ = try IDXReader.readLabels(at: folder)
        } catch {
            #expect(error.kind == .notAFile)
        }
    }

    @Test("empty file")
    func emptyFile() throws {
        let folder = try TestSupport.subsetCopy()
        defer { TestSupport.remove(folder) }
        let path = folder.appendingPathComponent(trainLabels)
        try TestSupport.write([], to: path)
        let error = try #require(TestSupport.loadError(folder))
        #expect(error.kind == .emptyFile)
        expectClearMessage(error, naming: path.path)
        #expect(error.message.contains("empty"))
    }

    @Test("wrong magic: a label file under the image file's name")
    func swappedFiles() throws {
        let folder = try TestSupport.subsetCopy()
        defer { TestSupport.remove(folder) }
        let path = folder.appendingPathComponent(trainImages)
        try FileManager.default.removeItem(at: path)
        try FileManager.default.copyItem(at: folder.appendingPathComponent(trainLabels), to: path)
        let error = try #require(TestSupport.loadError(folder))
        #expect(error.kind == .wrongMagic)
        expectClearMessage(error, naming: path.path)
        #expect(error.message.contains("wrong magic 0x00000801: this is an IDX label file, expected an IDX image file (magic 0x00000803)"))
    }

    @Test("wrong magic: not an IDX file at all")
    func notIDX() throws {
        let folder = try TestSupport.subsetCopy()
        defer { TestSupport.remove(folder) }
        let path = folder.appendingPathComponent(testLabels)
        try FileManager.default.removeItem(at: path)
        let raw = folder.appendingPathComponent("t10k-labels-idx1-ubyte")
        try TestSupport.write(Array("hello, world".utf8), to: raw)
        let error = try #require(TestSupport.loadError(folder))
        #expect(error.kind == .wrongMagic)
        expectClearMessage(error, naming: raw.path)
        #expect(error.message.contains("not an IDX file (it starts with bytes 68 65 6c 6c)"))
    }

    @Test("wrong magic: unsigned-byte type but wrong dimension count")
    func wrongDimensions() throws {
        let folder = try TestSupport.scratchFolder()
        defer { TestSupport.remove(folder) }
        let path = folder.appendingPathComponent("x")
        try TestSupport.write(TestSupport.header(magic: 0x802, [1, 1]) + [0], to: path)
        do {
            _ = try IDXReader.readImages(at: path)
            Issue.record("a 2-dimensional file was read as images")
        } catch {
            #expect(error.kind == .wrongMagic)
            #expect(error.message.contains("wrong magic 0x00000802"))
        }
    }

    @Test("truncated raw file: fewer pixels than the header announces")
    func truncatedRaw() throws {
        let folder = try TestSupport.subsetCopy()
        defer { TestSupport.remove(folder) }
        try FileManager.default.removeItem(at: folder.appendingPathComponent(trainImages))
        let path = folder.appendingPathComponent("train-images-idx3-ubyte")
        try TestSupport.write(TestSupport.header(magic: 0x803, [1000, 28, 28]) + [UInt8](repeating: 1, count: 500), to: path)
        let error = try #require(TestSupport.loadError(folder))
        #expect(error.kind == .truncated)
        expectClearMessage(error, naming: path.path)
        #expect(error.message.contains(
            "truncated: the header announces 1000 images of 28×28 (784016 bytes in all) but the file holds only 516"))
        #expect(error.message.contains("apt-get install --reinstall dataset-fashion-mnist"))
    }

    @Test("truncated header")
    func truncatedHeader() throws {
        let folder = try TestSupport.scratchFolder()
        defer { TestSupport.remove(folder) }
        let path = folder.appendingPathComponent("train-images-idx3-ubyte")
        try TestSupport.write([0, 0, 8, 3, 0, 0, 3], to: path)
        do {
            _ = try IDXReader.readImages(at: path)
            Issue.record("a 7-byte file was accepted")
        } catch {
            #expect(error.kind == .truncated)
            #expect(error.message.contains("the header is cut short: 7 of its 16 bytes are present"))
        }
    }

    @Test("truncated gzip file: cut in the middle")
    func truncatedGzip() throws {
        let folder = try TestSupport.subsetCopy()
        defer { TestSupport.remove(folder) }
        let path = folder.appendingPathComponent(trainImages)
        let bytes = try TestSupport.read(path)
        try TestSupport.write(Array(bytes.prefix(bytes.count / 2)), to: path)
        let error = try #require(TestSupport.loadError(folder))
        #expect(error.kind == .truncated)
        expectClearMessage(error, naming: path.path)
        #expect(error.message.contains("truncated: the header announces 1000 images of 28×28 (784016 bytes in all) "
                                       + "but the file decompresses to only"))
    }

    @Test("extra bytes after the data of a raw file")
    func trailingBytesRaw() throws {
        let folder = try TestSupport.scratchFolder()
        defer { TestSupport.remove(folder) }
        let path = folder.appendingPathComponent("labels")
        try TestSupport.write(TestSupport.header(magic: 0x801, [2]) + [1, 2, 3, 4], to: path)
        do {
            _ = try IDXReader.readLabels(at: path)
            Issue.record("a file with 2 extra bytes was accepted")
        } catch {
            #expect(error.kind == .trailingBytes)
            #expect(error.message.contains("2 bytes too many"))
        }
    }

    @Test("extra bytes after the data of a gzip file")
    func trailingBytesGzip() throws {
        let folder = try TestSupport.scratchFolder()
        defer { TestSupport.remove(folder) }
        let path = folder.appendingPathComponent("labels.gz")
        try IDXWriter.writeGzip(TestSupport.header(magic: 0x801, [2]) + [1, 2, 3], to: path)
        do {
            _ = try IDXReader.readLabels(at: path)
            Issue.record("a gzip file with an extra byte was accepted")
        } catch {
            #expect(error.kind == .trailingBytes)
            #expect(error.message.contains("more data follows"))
        }
    }

    @Test("image/label count mismatch")
    func countMismatch() throws {
        let folder = try TestSupport.subsetCopy()
        defer { TestSupport.remove(folder) }
        let path = folder.appendingPathComponent(trainLabels)
        try IDXWriter.writeLabels([UInt8](repeating: 1, count: 999), to: path, gzip: true)
        let error = try #require(TestSupport.loadError(folder))
        #expect(error.kind == .countMismatch)
        expectClearMessage(error, naming: path.path)
        #expect(error.message.contains("count mismatch: 999 labels but train-images-idx3-ubyte.gz has 1000 images"))
    }

    @Test("label out of range", arguments: [UInt8(10), 200, 255])
    func labelOutOfRange(bad: UInt8) throws {
        let folder = try TestSupport.subsetCopy()
        defer { TestSupport.remove(folder) }
        let path = folder.appendingPathComponent(testLabels)
        var labels = try IDXReader.readLabels(at: path).labels
        labels[123] = bad
        try IDXWriter.writeLabels(labels, to: path, gzip: true)
        let error = try #require(TestSupport.loadError(folder))
        #expect(error.kind == .labelOutOfRange)
        expectClearMessage(error, naming: path.path)
        #expect(error.message.contains("label \(bad) of sample 123 is out of range: the dataset has 10 classes (labels 0…9)"))
    }

    @Test("label beyond a smaller class count given by the caller")
    func labelBeyondGivenClasses() throws {
        let folder = try TestSupport.subsetFolder()
        do {
            _ = try IDXDataset.load(from: folder, classNames: ["a", "b", "c"])
            Issue.record("labels up to 9 were accepted for 3 classes")
        } catch {
            #expect(error.kind == .labelOutOfRange)
            #expect(error.message.contains("train-labels-idx1-ubyte.gz: label 9 of sample 0 is out of range: the dataset has 3 classes"))
        }
    }

    @Test("corrupt gzip: bad checksum in the trailer")
    func corruptChecksum() throws {
        let folder = try TestSupport.subsetCopy()
        defer { TestSupport.remove(folder) }
        let path = folder.appendingPathComponent(trainLabels)
        var bytes = try TestSupport.read(path)
        bytes[bytes.count - 8] ^= 0xFF   // first byte of the CRC-32
        try TestSupport.write(bytes, to: path)
        let error = try #require(TestSupport.loadError(folder))
        #expect(error.kind == .corruptGzip)
        expectClearMessage(error, naming: path.path)
        #expect(error.message.contains("corrupt gzip data (zlib: incorrect data check)"))
        #expect(error.message.contains("gunzip -t"))
    }

    @Test("corrupt gzip: unknown compression method in the header")
    func corruptMethod() throws {
        let folder = try TestSupport.subsetCopy()
        defer { TestSupport.remove(folder) }
        let path = folder.appendingPathComponent(trainImages)
        var bytes = try TestSupport.read(path)
        bytes[2] = 7   // the method byte; deflate is 8
        try TestSupport.write(bytes, to: path)
        let error = try #require(TestSupport.loadError(folder))
        #expect(error.kind == .corruptGzip)
        expectClearMessage(error, naming: path.path)
        #expect(error.message.contains("corrupt gzip data (zlib: unknown compression method)"))
    }

    @Test("corrupt gzip: damaged deflate data")
    func corruptDeflate() throws {
        let folder = try TestSupport.subsetCopy()
        defer { TestSupport.remove(folder) }
        let path = folder.appendingPathComponent(trainImages)
        var bytes = try TestSupport.read(path)
        for i in stride(from: 1000, to: 1400, by: 1) { bytes[i] = 0xFF }
        try TestSupport.write(bytes, to: path)
        let error = try #require(TestSupport.loadError(folder))
        // Damaged deflate data is either refused by zlib or detected by the checksum at the end.
        #expect(error.kind == .corruptGzip)
        expectClearMessage(error, naming: path.path)
        #expect(error.message.contains("corrupt gzip data (zlib: "))
    }

    @Test("absurd sizes that overflow are refused before allocating")
    func overflowingHeader() throws {
        let folder = try TestSupport.scratchFolder()
        defer { TestSupport.remove(folder) }
        let path = folder.appendingPathComponent("images")
        try TestSupport.write(TestSupport.header(magic: 0x803, [.max, .max, .max]) + [1, 2, 3], to: path)
        do {
            _ = try IDXReader.readImages(at: path)
            Issue.record("an overflowing header was accepted")
        } catch {
            #expect(error.kind == .implausibleHeader)
            #expect(error.message.contains("implausible header: it announces 4294967295 images of 4294967295×4294967295"))
        }
    }

    @Test("terabyte-sized headers in a small gzip file are refused before allocating")
    func hugeHeaderInGzip() throws {
        let folder = try TestSupport.scratchFolder()
        defer { TestSupport.remove(folder) }
        let path = folder.appendingPathComponent("images.gz")
        // 4 billion images of 28×28 = 3.1 TB: above the 1 GiB cap.
        try IDXWriter.writeGzip(TestSupport.header(magic: 0x803, [4_000_000_000, 28, 28]) + [1, 2, 3], to: path)
        do {
            _ = try IDXReader.readImages(at: path)
            Issue.record("a 3 TB header was accepted")
        } catch {
            #expect(error.kind == .implausibleHeader)
            #expect(error.message.contains("more than the 1 GiB this reader accepts"))
        }
        // 1 million images of 28×28 = 784 MB: below the cap, but more than a tiny gzip file can hold.
        try IDXWriter.writeGzip(TestSupport.header(magic: 0x803, [1_000_000, 28, 28]) + [1, 2, 3], to: path)
        do {
            _ = try IDXReader.readImages(at: path)
            Issue.record("a 784 MB header in a tiny gzip file was accepted")
        } catch {
            #expect(error.kind == .truncated)
            #expect(error.message.contains("cannot hold more than"))
        }
    }

    @Test("zero-sized images are refused")
    func zeroSizedImages() throws {
        let folder = try TestSupport.scratchFolder()
        defer { TestSupport.remove(folder) }
        let path = folder.appendingPathComponent("images")
        try TestSupport.write(TestSupport.header(magic: 0x803, [5, 0, 28]), to: path)
        do {
            _ = try IDXReader.readImages(at: path)
            Issue.record("0×28 images were accepted")
        } catch {
            #expect(error.kind == .implausibleHeader)
            #expect(error.message.contains("an empty image size"))
        }
    }

    @Test("a gzip file whose header and trailer both claim 8 GiB is refused before allocating")
    func gzipClaimingEightGiB() throws {
        let folder = try TestSupport.scratchFolder()
        defer { TestSupport.remove(folder) }
        let path = folder.appendingPathComponent("images.gz")
        // 10,956,000 images of 28×28 ≈ 8 GiB; padded to 8.4 MB so that deflate could in principle
        // hold it, with a trailer (ISIZE) that agrees with the header modulo 2^32
        let sizes: [UInt32] = [10_956_000, 28, 28]
        let total = 16 + Int(sizes[0]) * 28 * 28
        try IDXWriter.writeGzip(TestSupport.header(magic: 0x803, sizes) + [1, 2, 3], to: path)
        var bytes = try TestSupport.read(path)
        bytes += [UInt8](repeating: 0, count: 8_400_000)
        let isize = UInt32(truncatingIfNeeded: total)
        bytes += [UInt8(isize & 0xFF), UInt8(isize >> 8 & 0xFF), UInt8(isize >> 16 & 0xFF), UInt8(isize >> 24)]
        try TestSupport.write(bytes, to: path)
        do {
            _ = try IDXReader.readImages(at: path)
            Issue.record("an 8 GiB header was accepted")
        } catch {
            #expect(error.kind == .implausibleHeader, "\(error.message)")
            #expect(error.message.contains("10956000 images of 28×28"), "\(error.message)")
        }
    }
}
