import ArgumentParser
import BNCharts
import BNLab
import Foundation

/// `bnlab runs`: the saved runs of the runs folder.
struct RunsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "runs",
        abstract: "List the saved runs (newest first): experiment, run, date, status, data, epochs, final loss and accuracy.",
        discussion: """
        RUN names a run by its variant, with its seed (`bn s2`) or run id (`bn #a3f9c2`) when several \
        runs share the variant. DATA is `full` or the subset used (train/test images); EPOCHS is \
        finished/planned, so a result on a subset or after few epochs is read as such.
        """
    )

    @Argument(help: "The runs folder to list (the same as --runs; default: the runs folder).")
    var folder: String?

    @OptionGroup var folders: FolderOptions

    @Flag(help: "Print one JSON document instead of the table: {\"runs\": [summary with config columns…], \"unreadable\": […]}.")
    var json = false

    @Flag(help: "Read every run's header and tail, without the summary index (.bnlab-index) kept in the runs folder.")
    var noIndex = false

    func run() throws {
        if folder != nil && folders.runs != nil { throw ValidationError("name the runs folder once: FOLDER or --runs FOLDER") }
        let folder = folder.map { URL(fileURLWithPath: $0) } ?? folders.runsFolder
        let listing = RunIndex.listing(in: folder, useIndex: !noIndex)
        if json {
            try StandardStreams.writeOutput(listing.jsonDocument() + Data("\n".utf8))
            return
        }
        let (runs, failures) = (listing.runs, listing.failures)
        if runs.isEmpty && failures.isEmpty {
            print("no runs in \(folder.path) (start one with `bnlab run EXPERIMENT`)")
            return
        }
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        var rows = [["started", "experiment", "run", "status", "data", "epochs", "lr", "batch", "train loss", "test acc", "file"]]
        let names = RunNaming.labels(runs.map(\.identity), qualifiesExperiment: false)
        for (r, name) in zip(runs, names) {
            let planned = r.context.map { "/\($0.epochs)" } ?? ""
            rows.append([formatter.string(from: r.started), TerminalSafe.strip(r.experiment), name, r.statusText(),
                         r.context?.dataText ?? "?", "\(r.epochs)\(planned)",
                         r.lr.map { NumberFormat.result($0) } ?? "–", r.batchSize.map(String.init) ?? "–",
                         r.finalTrainLoss.map(NumberFormat.result) ?? "–",
                         r.finalAccuracy.map { NumberFormat.percent($0) } ?? "–",
                         TerminalSafe.strip(r.url?.lastPathComponent ?? "")])
        }
        print(TextTable(rows: rows).render())
        for failure in failures { print("unreadable: " + TerminalSafe.strip("\(failure)")) }
    }
}
