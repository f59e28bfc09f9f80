import BNLab
import Foundation
import Testing

/// Header numbers that feed arithmetic or labels (`seed`, `rank`, `world_size`, `started`, a
/// module's `features`) are range-checked: a clear error naming the field and value, never a trap.
@Suite("Run header: ranges") struct RunHeaderRangeTests {
    /// A header line with `fields` added (each `"key":value`).
    static func header(_ fields: String) -> String {
        #"{"format":"bnlab-run","version":"1.1","experiment":"e","variant":"v","config":null,"#
            + #""started":"2026-01-01T00:00:00Z",\#(fields)}"# + "\n"
    }

    /// The error reading a file of just `header(fields)`.
    static func error(_ fields: String) throws -> RunFileError {
        try #require(throws: RunFileError.self) { try RunReader.read(data: Data(header(fields).utf8), file: "h.jsonl") }
    }

    @Test("rank and world_size out of range name the field and the value", arguments: [
        (#""rank":-1"#, "field 'rank': -1 is outside 0 … 2^53"),
        (#""rank":9223372036854775807"#, "field 'rank': 9223372036854775807 is outside 0 … 2^53"),
        (#""world_size":0"#, "field 'world_size': 0 is outside 1 … 2^53"),
        (#""world_size":-4"#, "field 'world_size': -4 is outside 1 … 2^53"),
        (#""rank":4,"world_size":4"#, "field 'rank': is 4, but world_size is 4 (ranks run 0 … world_size − 1)"),
    ])
    func rankAndWorldSize(fields: String, message: String) throws {
        let error = try Self.error(fields)
        #expect(error.description.contains(message), "\(error)")
        // the listing (`bnlab runs`, the runs browser) refuses the file too, with the same words
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("bnlab-rank-\(UUID().uuidString).jsonl")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data(Self.header(fields).utf8).write(to: url)
        let listed = try #require(throws: RunFileError.self) { try RunSummaryReader.summary(contentsOf: url) }
        #expect(listed.description.contains(message), "\(listed)")
    }

    @Test("a seed that is no 64-bit unsigned integer names the field", arguments: [#""seed":-1"#, #""seed":1e30"#, #""seed":1.5"#])
    func seed(fields: String) throws {
        let error = try Self.error(fields)
        #expect(error.description.contains("field 'seed': ") && error.description.contains(" is not an integer in 0 … 2^64 − 1"), "\(error)")
        #expect(!error.description.contains("not valid JSON"), "\(error)")
    }

    @Test("a start outside the years 1 … 9999 names the field (year 9999999 was shown as 1758982)",
          arguments: ["9999999-01-01T00:00:00Z", "0000-01-01T00:00:00Z", "-0001-01-01T00:00:00Z"])
    func started(text: String) throws {
        let line = Self.header(#""seed":1"#).replacingOccurrences(of: "2026-01-01T00:00:00Z", with: text)
        let error = try #require(throws: RunFileError.self) { try RunReader.read(data: Data(line.utf8), file: "h.jsonl") }
        #expect(error.description.contains("field 'started': '\(text)' is not an ISO 8601 date like 2025-01-31T12:00:00Z (years 1 … 9999)"),
                "\(error)")
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("bnlab-started-\(UUID().uuidString).jsonl")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data(line.utf8).write(to: url)
        #expect(throws: RunFileError.self) { try RunSummaryReader.summary(contentsOf: url) }   // the listing agrees
        let last = Self.header("\"seed\":1").replacingOccurrences(of: "2026-01-01T00:00:00Z", with: "9999-12-31T23:59:59Z")
        #expect(try RunReader.read(data: Data(last.utf8), file: "h.jsonl").header.started.timeIntervalSince1970 == 253_402_300_799)
    }

    @Test("the largest seed, rank 0 of 1 and the last rank of a group read")
    func validEdges() throws {
        let h = try RunReader.read(data: Data(Self.header(#""seed":18446744073709551615,"rank":0,"world_size":1"#).utf8),
                                   file: "h.jsonl").header
        #expect(h.seed == UInt64.max && h.rank == 0 && h.worldSize == 1)
        let last = try RunReader.read(data: Data(Self.header(#""rank":7,"world_size":8"#).utf8), file: "h.jsonl").header
        #expect(last.rank == 7 && last.worldSize == 8)
    }

    @Test("a module's features below 1 is left unknown, not shown as negative channels")
    func moduleFeatures() throws {
        let h = try RunReader.read(data: Data(Self.header(#""modules":[{"name":"bn","type":"BatchNorm2d","features":-3}]"#).utf8),
                                   file: "h.jsonl").header
        #expect(h.modules.first?.features == nil)
        #expect(h.modules.first?.label == "bn (BatchNorm2d)")
    }
}
