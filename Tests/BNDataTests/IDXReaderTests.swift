import Foundation
import Testing
@testable import BNData

@Suite("IDX reader")
struct IDXReaderTests {
    @Test("reads a raw label file written byte by byte")
    func rawLabels() throws {
        let folder = try TestSupport.scratchFolder()
        defer { TestSupport.remove(folder) }
        let url = folder.appendingPathComponent("labels-idx1-ubyte")
        try TestSupport.write([0x00, 0x00, 0x08, 0x01, 0x00, 0x00, 0x00, 0x05, 3, 1, 4, 1, 5], to: url)
        let labels = try IDXReader.readLabels(at: url)
        #expect(labels.labels == [3, 1, 4, 1, 5])
        #expect(labels.source.isGzip == false)
        #expect(labels.source.sizeOnDisk == 13)
        #expect(labels.source.decompressedSize == 13)
    }

    @Test("reads a raw image file with big-endian sizes larger than 255")
    func rawImages() throws {
        let folder = try TestSupport.scratchFolder()
        defer { TestSupport.remove(folder) }
        let url = folder.appendingPathComponent("images-idx3-ubyte")
        // 2 images of 1 × 300: the width needs two bytes (0x012C), so byte order matters.
        let pixels = (0..<600).map { UInt8($0 % 251) }
        try TestSupport.write([0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 1, 0, 0, 0x01, 0x2C] + pixels, to: url)
        let images = try IDXReader.readImages(at: url)
        #expect(images.count == 2)
        #expect(images.rows == 1)
        #expect(images.columns == 300)
        #expect(images.pixels == pixels)
    }

    @Test("reads gzip files written by Python (the subset fixture)")
    func gzipFixture() throws {
        let folder = try TestSupport.subsetFolder()
        let images = try IDXReader.readImages(at: folder.appendingPathComponent("train-images-idx3-ubyte.gz"))
        let labels = try IDXReader.readLabels(at: folder.appendingPathComponent("train-labels-idx1-ubyte.gz"))
        #expect(images.source.isGzip)
        #expect(images.count == 1000 && images.rows == 28 && images.columns == 28)
        #expect(images.pixels.count == 784_000)
        // Values computed independently with Python's gzip module.
        #expect(images.pixels[0..<784].reduce(0) { $0 + Int($1) } == 76247)
        #expect(images.pixels[999 * 784..<1000 * 784].reduce(0) { $0 + Int($1) } == 84155)
        #expect(images.pixels[14 * 28 + 14] == 217)
        #expect(images.pixels.firstIndex { $0 != 0 } == 96)
        #expect(labels.count == 1000)
        #expect(Array(labels.labels.prefix(8)) == [9, 0, 0, 3, 0, 2, 7, 2])
        #expect(Array(labels.labels.suffix(8)) == [3, 2, 2, 2, 2, 2, 2, 2])
    }

    @Test("raw and gzip copies of the same file read the same")
    func rawEqualsGzip() throws {
        let folder = try TestSupport.scratchFolder()
        defer { TestSupport.remove(folder) }
        let pixels: [UInt8] = (0..<105).map { (i: Int) -> UInt8 in UInt8((i * 37) % 256) }   // 7 images of 5×3
        let raw = folder.appendingPathComponent("raw"), packed = folder.appendingPathComponent("packed.gz")
        try IDXWriter.writeImages(pixels, count: 7, rows: 5, columns: 3, to: raw, gzip: false)
        try IDXWriter.writeImages(pixels, count: 7, rows: 5, columns: 3, to: packed, gzip: true)
        let packedBytes = try TestSupport.read(packed)
        #expect(Array(packedBytes.prefix(2)) == [0x1F, 0x8B])
        let a = try IDXReader.readImages(at: raw), b = try IDXReader.readImages(at: packed)
        #expect(a.pixels == pixels)
        #expect(b.pixels == pixels)
        #expect(!a.source.isGzip && b.source.isGzip)
        #expect(a.source.decompressedSize == 16 + 105 && b.source.decompressedSize == 16 + 105)
    }

    @Test("a gzip file whose trailer disagrees with its header is still read (two gzip members)")
    func concatenatedGzipMembers() throws {
        let folder = try TestSupport.scratchFolder()
        defer { TestSupport.remove(folder) }
        // The header in one member, the labels in a second: the trailer of the last member records
        // only its own size (3), so the reader must not rely on it.
        let memberA = folder.appendingPathComponent("a.gz"), memberB = folder.appendingPathComponent("b.gz")
        try IDXWriter.writeGzip(TestSupport.header(magic: 0x801, [3]), to: memberA)
        try IDXWriter.writeGzip([1, 2, 3], to: memberB)
        let url = folder.appendingPathComponent("labels.gz")
        try TestSupport.write(try TestSupport.read(memberA) + TestSupport.read(memberB), to: url)
        let labels = try IDXReader.readLabels(at: url)
        #expect(labels.labels == [1, 2, 3])
        #expect(labels.source.isGzip)
    }
}
