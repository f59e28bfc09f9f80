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

/// Exports of damaged or sparse runs keep their shape.
@Suite("Run export of damaged runs")
struct RunExporterDamageTests {
    @Test("snapshot lists of unequal lengths export one row per channel of the longest, with blanks")
    func unequalSnapshotLists() {
        let snapshot = BNSnapshot(step: 3, layer: "2", batchMean: [1, 2, 3], batchVar: [4], runningMean: [], runningVar: [5, 6])
        let run = RunFile(header: RunFixtures.header(), events: [.bnSnapshot(snapshot)])
        let lines = RunExporter.csv(run, table: .snapshots).split(separator: "\n").map(String.init)
        #expect(lines.count == 4)
        #expect(lines[1] == "3,,2,0,1.0,4.0,,5.0,")
        #expect(lines[3] == "3,,2,2,3.0,,,,")
    }

    @Test("a run without class names still gives one column per class and rows as wide as the header")
    func noClassNames() {
        var header = RunFixtures.header()
        header.classNames = []
        let epoch = EpochEvent(epoch: 1, trainLoss: 1, testLoss: 1, classCorrect: [1, 2, 3], classTotal: [4, 4, 4])
        let run = RunFile(header: header, events: [.epoch(epoch)])
        #expect(run.classLabels == ["class 0", "class 1", "class 2"])
        let lines = RunExporter.csv(run, table: .epochs).split(separator: "\n").map(String.init)
        let widths = lines.map { $0.split(separator: ",", omittingEmptySubsequences: false).count }
        #expect(Set(widths).count == 1, "\(widths)")
        #expect(lines[0].contains("acc_class_2"))
    }
}
