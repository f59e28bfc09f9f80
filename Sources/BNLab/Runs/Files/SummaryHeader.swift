import Foundation

/// The header fields a run listing shows, decoded without building the run's plan (its model,
/// phases, recording settings): about half the cost of a full ``RunHeader`` for a listing of
/// thousands of runs. ``RunSummaryReader`` falls back to the full header, and its precise error,
/// when this one does not decode or names another format or major version.
struct SummaryHeader: Decodable {
    var format: String?
    var version: String?
    var runID: String?
    var experiment: String
    var variant: String
    var seed: UInt64?
    var started: String
    var config: Config?
    var params: [String: RunParam]?
    var rank: Int?
    var worldSize: Int?
    var group: String?

    enum CodingKeys: String, CodingKey {
        case format, version, runID = "run_id", experiment, variant, seed, started, config, params, rank,
             worldSize = "world_size", group
    }

    /// Whether `rank` and `world_size` are in the full header's ranges (rank in 0 … world_size − 1,
    /// world_size ≥ 1, both at most 2^53); otherwise the full header gives the error.
    var ranksInRange: Bool {
        let most = 1 << 53
        if let rank, !(0...most).contains(rank) { return false }
        if let worldSize, !(1...most).contains(worldSize) { return false }
        if let rank, let worldSize, rank >= worldSize { return false }
        return true
    }

    /// The config fields of the listing's columns.
    struct Config: Decodable {
        var optimizer: Optimizer
        var batchSize: Int
        var epochs: Int
        var dataset: Dataset?

        enum CodingKeys: String, CodingKey { case optimizer, batchSize = "batch_size", epochs, dataset }
    }

    /// The optimizer's learning rate and momentum.
    struct Optimizer: Decodable {
        var lr: Double
        var momentum: Double?
    }

    /// The dataset's subset.
    struct Dataset: Decodable {
        var subset: SubsetSpec?
    }

    /// Decodes `line` when it is a header of the format and major version this bnlab reads,
    /// started at a time in the form bnlab writes (`2025-01-31T12:00:00Z`).
    static func decode(_ line: Data, decoder: JSONDecoder) -> (header: SummaryHeader, started: Date)? {
        guard let clean = try? JSONLineCleaner.clean(line),
              let header = try? decoder.decode(SummaryHeader.self, from: clean),
              header.format == RunFormat.name,
              let text = header.version, let version = FormatVersion(text),
              version.major == RunFormat.version.major, header.ranksInRange,
              let started = utcDate(header.started) else { return nil }
        return (header, started)
    }

    /// `yyyy-MM-ddTHH:mm:ssZ` read field by field: ISO8601DateFormatter took a third of a
    /// listing's time. Any other form (fractional seconds, an offset) gives nil, and the full
    /// header reads it.
    static func utcDate(_ text: String) -> Date? {
        let b = Array(text.utf8)
        guard b.count == 20, b[4] == 0x2D, b[7] == 0x2D, b[10] == 0x54, b[13] == 0x3A, b[16] == 0x3A, b[19] == 0x5A else { return nil }
        func number(_ from: Int, _ count: Int) -> Int? {
            var n = 0
            for i in from..<(from + count) {
                guard (0x30...0x39).contains(b[i]) else { return nil }
                n = n * 10 + Int(b[i] - 0x30)
            }
            return n
        }
        guard let year = number(0, 4), let month = number(5, 2), let day = number(8, 2),
              let hour = number(11, 2), let minute = number(14, 2), let second = number(17, 2),
              (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61 else { return nil }
        var tm = tm()
        tm.tm_year = Int32(year - 1900)
        tm.tm_mon = Int32(month - 1)
        tm.tm_mday = Int32(day)
        tm.tm_hour = Int32(hour)
        tm.tm_min = Int32(minute)
        tm.tm_sec = Int32(second)
        let date = Date(timeIntervalSince1970: TimeInterval(timegm(&tm)))
        return RunFormat.dateRange.contains(date) ? date : nil   // year 0000: the full header's error
    }

    /// A summary of this header, started at `started`, before the run's events are applied.
    func summary(url: URL?, started: Date) -> RunSummary {
        let named = ParamSettings(params ?? [:])   // another program's settings, without a config
        var summary = RunSummary(
            experiment: experiment, variant: variant, runID: runID ?? "", seed: seed ?? 0,
            context: config.map { RunContext(trainImages: $0.dataset?.subset?.train, testImages: $0.dataset?.subset?.test,
                                             epochs: $0.epochs) },
            started: started, status: nil, message: nil, steps: 0, epochs: 0, finalTrainLoss: nil, finalAccuracy: nil,
            trainModeAccuracy: [:], url: url, lr: config?.optimizer.lr ?? named.lr, batchSize: config?.batchSize ?? named.batchSize,
            momentum: config.map { $0.optimizer.momentum ?? 0 } ?? named.momentum)
        summary.rank = rank
        summary.group = group
        return summary
    }
}
