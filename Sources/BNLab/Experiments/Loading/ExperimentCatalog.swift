import BNCore
import Foundation

/// Every experiment of a folder: the valid ones, and the files that could not be used with why.
///
/// Loading never fails because of one bad file: a typo in one experiment leaves the others
/// usable and shows up in ``invalid`` with its file, line and field.
///
/// ```swift
/// let catalog = ExperimentCatalog.load(folder: URL(fileURLWithPath: "experiments"))
/// for bad in catalog.invalid { print(bad.error) }
/// let spec = catalog.experiment(id: "bn-vs-no-bn")
/// ```
public struct ExperimentCatalog: Sendable, Equatable {
    /// The experiments whose file decoded and all of whose variants resolve, sorted by id.
    public var experiments: [ExperimentSpec]
    /// The files that could not be used, sorted by file name.
    public var invalid: [InvalidExperiment]

    /// A catalog of the given experiments and failures.
    public init(experiments: [ExperimentSpec], invalid: [InvalidExperiment] = []) {
        self.experiments = experiments
        self.invalid = invalid
    }

    /// The experiment with this id, if it loaded.
    public func experiment(id: String) -> ExperimentSpec? {
        experiments.first { $0.id == id }
    }

    /// Reads every `*.yaml` / `*.yml` file of `folder` (not its subfolders).
    ///
    /// A file is valid when it decodes, its `id` equals its file name without the extension,
    /// and every variant resolves to a ``RunPlan``. A missing or unreadable folder gives an empty
    /// catalog with one ``invalid`` entry saying so.
    public static func load(folder: URL) -> ExperimentCatalog {
        let folderName = folder.lastPathComponent
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        } catch {
            let problem = FileManager.default.fileExists(atPath: folder.path)
                ? "cannot be read (\(FileProblem.describe(error)))" : "does not exist"
            return ExperimentCatalog(experiments: [], invalid: [InvalidExperiment(
                file: folderName,
                error: ExperimentError(kind: .unreadable, file: folderName, problem: "the experiments folder \(problem)",
                                       hint: "run bnlab from the project folder, or point it at the experiments folder"))])
        }
        var experiments: [ExperimentSpec] = []
        var invalid: [InvalidExperiment] = []
        for name in names.sorted() where !name.hasPrefix(".") && (name.hasSuffix(".yaml") || name.hasSuffix(".yml")) {
            let url = folder.appendingPathComponent(name)
            let shown = "\(folderName)/\(name)"
            do {
                experiments.append(try check(url: url, shown: shown))
            } catch {
                invalid.append(InvalidExperiment(file: shown, error: error))
            }
        }
        experiments.sort { $0.id < $1.id }
        return ExperimentCatalog(experiments: experiments, invalid: invalid)
    }

    /// Loads one file and checks what the catalog requires of it.
    private static func check(url: URL, shown: String) throws(ExperimentError) -> ExperimentSpec {
        let spec = try ExperimentLoader.load(contentsOf: url, displayPath: shown)
        let expected = url.deletingPathExtension().lastPathComponent
        if spec.id != expected {
            throw ExperimentError(kind: .invalidValue, file: shown, line: spec.source?.line(for: FieldPath.root.appending("id")),
                                  field: "id", problem: "is '\(spec.id)' but the file is named '\(url.lastPathComponent)'",
                                  hint: "make the id and the file name agree: id '\(expected)' or file '\(spec.id).yaml'")
        }
        _ = try spec.plans()
        return spec
    }
}
