import Foundation
import Testing
@testable import BNData

/// Fixtures and scratch folders shared by the BNData tests.
enum TestSupport {
    /// The Fashion-MNIST subset shipped with the tests: 1000 train (100 per class) and 200 test
    /// (20 per class) images, made by scripts/make-test-subset.py.
    static func subsetFolder() throws -> URL {
        try #require(Bundle.module.url(forResource: "fashion-subset", withExtension: nil, subdirectory: "Fixtures"),
                     "the fashion-subset fixture is missing from the test bundle")
    }

    /// A new empty folder under the system's temporary directory.
    static func scratchFolder(_ name: String = "data") throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("bndata-tests-\(UUID().uuidString)")
            .appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A scratch folder holding a copy of the four subset files.
    static func subsetCopy(folderName: String = "data") throws -> URL {
        let folder = try scratchFolder(folderName)
        let source = try subsetFolder()
        for name in try FileManager.default.contentsOfDirectory(atPath: source.path) {
            try FileManager.default.copyItem(at: source.appendingPathComponent(name),
                                             to: folder.appendingPathComponent(name))
        }
        return folder
    }

    /// Removes a scratch folder made by `scratchFolder` (and its parent, made for it alone).
    static func remove(_ folder: URL) {
        try? FileManager.default.removeItem(at: folder.deletingLastPathComponent())
    }

    /// The big-endian bytes of an IDX header.
    static func header(magic: UInt32, _ sizes: [UInt32]) -> [UInt8] {
        ([magic] + sizes).flatMap { value in
            [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
        }
    }

    /// Writes `bytes` to `url` as they are.
    static func write(_ bytes: [UInt8], to url: URL) throws {
        try Data(bytes).write(to: url)
    }

    /// The bytes of a file.
    static func read(_ url: URL) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: url))
    }

    /// The error `IDXDataset.load` throws for `folder`, or nil if it loads.
    static func loadError(_ folder: URL) -> DataError? {
        do {
            _ = try IDXDataset.load(from: folder)
            return nil
        } catch {
            return error
        }
    }

    /// The loaded subset.
    static func subset() throws -> IDXDataset {
        try IDXDataset.load(from: subsetFolder())
    }
}
