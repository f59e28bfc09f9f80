import ArgumentParser
import BNLab
import Foundation

/// `bnlab runs`: the saved runs of the runs folder.
struct RunsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "runs",
        abstract: "List the saved runs (newest first): experiment, variant, date, status, final accuracy."
    )

    @OptionGroup var folders: FolderOptions

    func run() throws {
        let folder = folders.runsFolder
        let (runs, failures) = RunReader.summaries(in: folder)
        if runs.isEmpty && failures.isEmpty {
            print("no runs in \(folder.path) (start one with `bnlab run EXPERIMENT`)")
            return
        }
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        var rows = [["started", "experiment", "variant", "status", "epochs", "train loss", "test acc", "file"]]
        for r in runs {
            rows.append([formatter.string(from: r.started), r.experiment, r.variant, r.statusText, String(r.epochs),
                         r.finalTrainLoss.map { String(format: "%.4f", $0) } ?? "–",
                         r.finalAccuracy.map { String(format: "%.4f", $0) } ?? "–",
                         r.url?.lastPathComponent ?? ""])
        }
        print(TextTable(rows: rows).render())
        for failure in failures { print("unreadable: \(failure)") }
    }
}
