import Foundation

/// Turns a run file into tables (CSV) or one JSON document, for spreadsheets and notebooks.
public enum RunExporter {
    /// Which table a CSV export holds.
    public enum Table: String, CaseIterable, Sendable {
        /// One row per recorded step: step, epoch, loss, lr, samples.
        case steps
        /// One row per epoch: losses, accuracy, per-class accuracy (eval mode, then train mode).
        case epochs
        /// One row per BatchNorm snapshot and channel: batch and running statistics.
        case snapshots
    }

    /// The CSV text of `table` (a header row, then data; numbers in full precision).
    public static func csv(_ run: RunFile, table: Table) -> String {
        var lines: [String] = []
        func number(_ x: Double?) -> String { x.map { $0.isFinite ? "\($0)" : ($0.isNaN ? "nan" : ($0 > 0 ? "inf" : "-inf")) } ?? "" }
        func number(_ x: Float?) -> String { number(x.map(Double.init)) }
        switch table {
        case .steps:
            lines.append("step,epoch,loss,lr,samples")
            for s in run.steps { lines.append("\(s.step),\(s.epoch),\(number(s.loss)),\(number(s.lr)),\(s.samples)") }
        case .epochs:
            let classes = run.classLabels
            let trainModeSizes = Array(Set(run.epochs.flatMap { $0.trainMode?.map(\.batchSize) ?? [] })).sorted()
            var header = ["epoch", "phase", "train_loss", "test_loss", "accuracy"]
            header += classes.map { "acc_\(quoted($0))" }
            for b in trainModeSizes {
                header += ["train_mode_b\(b)_test_loss", "train_mode_b\(b)_accuracy"] + classes.map { "train_mode_b\(b)_acc_\(quoted($0))" }
            }
            header.append("probe_drift")
            lines.append(header.joined(separator: ","))
            for e in run.epochs {
                var row = ["\(e.epoch)", e.phase ?? "", number(e.trainLoss), number(e.testLoss), number(e.accuracy)]
                row += padded(e.classAccuracy, to: classes.count).map { number($0) }
                for b in trainModeSizes {
                    let t = e.trainMode(batchSize: b)
                    row += [number(t?.testLoss), number(t?.accuracy)]
                    row += padded(t?.classAccuracy ?? [], to: classes.count, with: .nan).map { number($0) }
                }
                row.append(number(e.probeDrift))
                lines.append(row.joined(separator: ","))
            }
        case .snapshots:
            lines.append("step,epoch,layer,channel,batch_mean,batch_var,running_mean,running_var,num_batches_tracked")
            for s in run.snapshots {
                // lists of unequal lengths (a damaged file): one row per channel of the longest, blanks where one ends
                let channels = max(s.batchMean.count, s.batchVar.count, s.runningMean?.count ?? 0, s.runningVar?.count ?? 0)
                func value(_ list: [Float]?, _ c: Int) -> Float? { list.flatMap { c < $0.count ? $0[c] : nil } }
                for c in 0..<channels {
                    lines.append([String(s.step), s.epoch.map(String.init) ?? "", quoted(s.layer), String(c),
                                  number(value(s.batchMean, c)), number(value(s.batchVar, c)), number(value(s.runningMean, c)),
                                  number(value(s.runningVar, c)), s.numBatchesTracked.map(String.init) ?? ""].joined(separator: ","))
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The whole run as one JSON document: `{"header": …, "events": […], "notices": […]}`.
    public static func json(_ run: RunFile) throws -> Data {
        struct Document: Encodable {
            var header: RunHeader
            var events: [RunEvent]
            var notices: [String]
        }
        let encoder = RunFormat.makeEncoder()
        encoder.outputFormatting.insert(.prettyPrinted)
        return try encoder.encode(Document(header: run.header, events: run.events, notices: run.notices))
    }

    /// `values` cut or filled with `filler` to `count` entries, so every row has the header's columns.
    private static func padded(_ values: [Double], to count: Int, with filler: Double? = nil) -> [Double?] {
        (0..<count).map { $0 < values.count ? values[$0] : filler }
    }

    private static func quoted(_ name: String) -> String {
        let safe = name.replacingOccurrences(of: " ", with: "_").replacingOccurrences(of: ",", with: "_")
        return safe.contains("\"") ? "\"\(safe.replacingOccurrences(of: "\"", with: "\"\""))\"" : safe
    }
}
