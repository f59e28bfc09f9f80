import Foundation

/// Several runs in one long-format CSV (one measurement a row), which pandas reads as it is:
/// `pd.read_csv("runs.csv")`, then pivot or group by `run`, `variant`, `seed` and `metric`.
///
/// ```text
/// run,experiment,variant,seed,step,epoch,metric,value
/// bn-vs-no-bn-bn-20250131-120000-a3f9c2,bn-vs-no-bn,bn,1,1,1,loss,2.3024
/// bn-vs-no-bn-bn-20250131-120000-a3f9c2,bn-vs-no-bn,bn,1,938,1,accuracy,0.8512
/// ```
extension RunExporter {
    /// The long CSV's header row (with its `\n`).
    public static let longCSVHeader = "run,experiment,variant,seed,step,epoch,metric,value\n"

    /// Event types a long export does not use: readers can pass them over.
    public static let longCSVSkippedTypes: Set<String> = ["bn_watch", "bn_snapshot"]

    /// The rows of one run (no header): per step `loss` and `lr` (and `time` when recorded); per
    /// epoch `train_loss`, `test_loss` and `accuracy` at the epoch's last step. `run` is the
    /// file's name without `.jsonl` (or the run id). Non-finite values are `nan`, `inf`, `-inf`,
    /// which pandas reads as numbers.
    public static func longCSVRows(_ run: RunFile) -> String {
        let name = run.url.map { $0.deletingPathExtension().lastPathComponent } ?? run.header.runID
        let prefix = [name, run.header.experiment, run.header.variant].map(csvField).joined(separator: ",")
            + ",\(run.header.seed),"
        var out = ""
        func row(_ step: Int?, _ epoch: Int?, _ metric: String, _ value: Double) {
            out += prefix + (step.map(String.init) ?? "") + "," + (epoch.map(String.init) ?? "") + "," + metric + "," + number(value) + "\n"
        }
        var lastStep: Int?
        for event in run.events {
            switch event {
            case .step(let s):
                lastStep = s.step
                row(s.step, s.epoch, "loss", s.loss)
                row(s.step, s.epoch, "lr", s.lr)
                if let time = s.time { row(s.step, s.epoch, "time", time) }
            case .epoch(let e):
                row(lastStep, e.epoch, "train_loss", e.trainLoss)
                row(lastStep, e.epoch, "test_loss", e.testLoss)
                row(lastStep, e.epoch, "accuracy", e.accuracy)
            default:
                break
            }
        }
        return out
    }

    /// A number as the CSV holds it: full precision, non-finite as `nan`, `inf`, `-inf`.
    static func number(_ x: Double) -> String {
        x.isFinite ? "\(x)" : (x.isNaN ? "nan" : (x > 0 ? "inf" : "-inf"))
    }

    /// A field quoted when it holds a comma, quote or line break (RFC 4180).
    static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
