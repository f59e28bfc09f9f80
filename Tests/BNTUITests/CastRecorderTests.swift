import Foundation
import Testing
@testable import BNTUI

/// `--record`: what is written to the terminal goes on to it unchanged and into a valid asciinema
/// v2 file (a header line, then `[time, "o", text]` events).
@Suite("Session recording (asciinema v2)")
struct CastRecorderTests {
    @Test func writesAreCopiedToTheTerminalAndRecordedAsV2Events() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cast-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let screen = folder.appendingPathComponent("terminal")
        FileManager.default.createFile(atPath: screen.path, contents: nil)
        let fd = open(screen.path, O_WRONLY)
        #expect(fd >= 0)
        defer { close(fd) }
        let cast = folder.appendingPathComponent("lesson.cast")
        let recorder = try CastRecorder(url: cast, width: 80, height: 24, title: "bnlab lesson test", capturing: fd)
        try recorder.start()
        // Split inside the two-byte "é" and the three-byte "─": each event must still be whole text.
        let text = "\u{1b}[H\u{1b}[2Jé─ lesson \"1/4\"\n"
        let bytes = Array(text.utf8)
        for chunk in [bytes[0..<7], bytes[7..<9], bytes[9...]] {
            _ = chunk.withUnsafeBytes { write(fd, $0.baseAddress!, $0.count) }
            usleep(20_000)
        }
        recorder.finish()

        #expect(try String(contentsOf: screen, encoding: .utf8) == text)
        let lines = try String(contentsOf: cast, encoding: .utf8).split(separator: "\n").map(String.init)
        let header = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(header["version"] as? Int == 2)
        #expect(header["width"] as? Int == 80 && header["height"] as? Int == 24)
        #expect(header["timestamp"] as? Int != nil && header["title"] as? String == "bnlab lesson test")
        var replayed = "", last = -1.0
        for line in lines.dropFirst() {
            let event = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [Any])
            #expect(event.count == 3)
            let time = try #require(event[0] as? Double)
            #expect(time >= last)
            last = time
            #expect(event[1] as? String == "o")
            replayed += try #require(event[2] as? String)
        }
        #expect(lines.count >= 2)
        #expect(replayed == text)
    }

    @Test func aCharacterCutByAReadIsKeptForTheNext() {
        #expect(CastRecorder.completeUTF8Prefix(Array("ab".utf8)) == 2)
        #expect(CastRecorder.completeUTF8Prefix(Array("a─".utf8).dropLast()) == 1)
        #expect(CastRecorder.completeUTF8Prefix(Array("é".utf8)) == 2)
        #expect(CastRecorder.completeUTF8Prefix([]) == 0)
    }
}
