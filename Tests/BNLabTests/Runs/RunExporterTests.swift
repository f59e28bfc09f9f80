import Foundation
import Testing
@testable import BNLab

@Suite("Run export")
struct RunExporterTests {
    let run = RunFile(header: RunFixtures.header(), events: RunFixtures.events)

    @Test func stepsCSVHasOneRowPerStepAndWritesNonFiniteNumbersAsWords() {
        let lines = RunExporter.csv(run, table: .steps).split(separator: "\n")
        #expect(lines.first == "step,epoch,loss,lr,samples")
        #expect(lines.count == 3)
        #expect(lines[1] == "1,1,2.3,0.01,64")
        #expect(lines[2] == "2,1,inf,0.01,128")
    }

    @Test func epochsCSVHasPerClassColumnsForEvalAndTrainMode() {
        let lines = RunExporter.csv(run, table: .epochs).split(separator: "\n").map(String.init)
        let header = lines[0].split(separator: ",")
        #expect(header.contains("acc_class_0"))
        #expect(header.contains("train_mode_b2_accuracy"))
        let row = lines[1].split(separator: ",", omittingEmptySubsequences: false)
        #expect(row.count == header.count)
        #expect(row[header.firstIndex(of: "acc_class_0")!] == "0.75")
    }

    @Test func snapshotsCSVHasOneRowPerChannel() {
        let lines = RunExporter.csv(run, table: .snapshots).split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[1].hasPrefix("1,1,2,0,0.5,1.0,"))
    }

    @Test func jsonExportReadsBackAsTheSameEvents() throws {
        let data = try RunExporter.json(run)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect((object["events"] as? [Any])?.count == RunFixtures.events.count)
        #expect((object["header"] as? [String: Any])?["experiment"] as? String == "bn-vs-no-bn")
    }
}
