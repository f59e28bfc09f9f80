import ArgumentParser
import BNCore
import BNLab
import Foundation

/// `bnlab export RUN --format csv|json`, or `bnlab export RUN --weights FILE`.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export a saved run as CSV (steps, epochs or BatchNorm snapshots) or as one JSON document.",
        discussion: """
        Examples:
          bnlab export runs/bn-vs-no-bn-bn-….jsonl --format csv --table epochs > epochs.csv
          bnlab export runs/bn-vs-no-bn-bn-….jsonl --weights model.safetensors       (the last checkpoint)
          bnlab export runs/bn-vs-no-bn-bn-….jsonl --weights e2.safetensors --checkpoint 2   (epoch 2's)
        --weights writes the model's state dict only (PyTorch's keys), for torch or `bnlab run --init`.
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case csv, json }

    @Argument(help: "Run files (or run ids in the runs folder); several imply --long.")
    var runFiles: [String]

    @Flag(help: "With csv: one long-format table of every run named (run,experiment,variant,seed,step,epoch,metric,value).")
    var long = false

    @Option(help: "csv or json.")
    var format: Format = .csv

    @Option(help: "With csv: steps, epochs or snapshots.")
    var table: String = RunExporter.Table.steps.rawValue

    @Option(name: .shortAndLong, help: "Write to this file instead of standard output.")
    var output: String?

    @Option(help: "Write the run's last checkpoint (the model's state dict, safetensors) to this file.")
    var weights: String?

    @Option(help: "With --weights: the checkpoint of this epoch instead of the last one.")
    var checkpoint: Int?

    @OptionGroup var folders: FolderOptions

    func validate() throws {
        guard RunExporter.Table(rawValue: table) != nil else {
            throw ValidationError("--table must be one of \(RunExporter.Table.allCases.map(\.rawValue).joined(separator: ", "))")
        }
    }

    func run() throws {
        guard !runFiles.isEmpty else { throw ValidationError("name at least one run") }
        if long || runFiles.count > 1 { return try exportLong() }
        let file = try RunFileArguments(folders: folders).read(runFile)
        if let weights {
            do {
                let event = try WeightsExport.write(file, checkpoint: checkpoint, to: URL(fileURLWithPath: weights))
                print("wrote \(weights): \(event.file) (step \(event.step), epoch \(event.epoch ?? 0))")
            } catch {
                printError("bnlab export: \(error)")
                throw ExitCode(2)
            }
            return
        }
        let data: Data
        switch format {
        case .csv: data = Data(RunExporter.csv(file, table: RunExporter.Table(rawValue: table)!).utf8)
        case .json: data = try RunExporter.json(file)
        }
        if let output {
            do { try data.write(to: URL(fileURLWithPath: output)) } catch {
                printError("bnlab export: cannot write \(output): \(FileProblem.describe(error))")
                throw ExitCode(2)
            }
        } else {
            try StandardStreams.writeOutput(format == .json ? data + Data("\n".utf8) : data)
        }
    }
}
