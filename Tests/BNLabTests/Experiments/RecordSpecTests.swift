import Foundation
import Testing
@testable import BNLab

/// The `record:` settings of format 1.1: `snapshots`, an optional `snapshot_every`, `watch_channels`.
@Suite("Record settings")
struct RecordSpecTests {
    func record(_ lines: String) throws -> RecordSpec {
        let yaml = ExperimentErrorTests().experiment(rest: "record:\n" + lines)
        return try #require(try ExperimentLoader.decode(yaml: yaml, file: "experiments/rec.yaml").plans().first).record
    }

    @Test func defaultsAdaptTheSnapshotCadenceAndWatchFourChannels() throws {
        let r = try record("  loss_every: 1")
        #expect(r.snapshots == 200 && r.snapshotEvery == nil && r.watchChannels == .evenly(4))
        #expect(r.snapshotInterval(totalSteps: 9380) == 47)        // round(9380 / 200)
        #expect(r.snapshotInterval(totalSteps: 47) == 1)
        #expect(try record("  snapshot_every: 25").snapshotInterval(totalSteps: 9380) == 25)
        #expect(try record("  snapshots: 10").snapshotInterval(totalSteps: 94) == 9)
    }

    @Test func watchChannelsTakeACountOrAList() throws {
        #expect(try record("  watch_channels: [7, 0, 7, 300]").watchChannels.indices(channels: 256) == [0, 7])
        #expect(WatchChannels.evenly(4).indices(channels: 256) == [0, 64, 128, 192])
        #expect(WatchChannels.evenly(3).indices(channels: 10) == [0, 3, 6])          // floor(i·10/3)
        #expect(WatchChannels.evenly(8).indices(channels: 6) == Array(0..<6))
        #expect(try record("  watch_channels: 0").watchChannels.isOff)
    }

    @Test func badWatchChannelsNameTheFieldAndTheFix() throws {
        for (value, words) in [("-1", "must be 0 or more"), ("[1, -2]", "channel indices count from 0"), ("lots", "a whole number or a list")] {
            do {
                _ = try record("  watch_channels: \(value)")
                Issue.record("watch_channels: \(value) was accepted")
            } catch let error as ExperimentError {
                #expect(error.field == "record.watch_channels", "\(error)")
                #expect(error.description.contains(words), "\(error)")
                #expect(error.hint != nil)
            }
        }
    }

    @Test func aResolvedPlanRoundTripsThroughTheRunHeader() throws {
        var plan = RunFixtures.plan
        plan.record.watchChannels = .list([1, 5])
        plan.record.snapshots = 50
        let data = try RunFormat.makeEncoder().encode(plan)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains(#""watch_channels":[1,5]"#) && text.contains(#""snapshots":50"#) && !text.contains("snapshot_every"))
        #expect(try RunFormat.makeDecoder().decode(RunPlan.self, from: data) == plan)
    }
}
