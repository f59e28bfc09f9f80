/// Why the ``DemoBackend`` refused to start a run.
public enum DemoBackendError: Error, Equatable, CustomStringConvertible {
    /// No experiment has this id.
    case unknownExperiment(String)
    /// The experiment's spec is invalid (its problem attached).
    case invalidExperiment(id: String, problem: String)
    /// The experiment has no variant of this name (the known ones attached).
    case unknownVariant(experiment: String, variant: String, known: [String])

    /// A message naming what was wrong and what to do.
    public var description: String {
        switch self {
        case .unknownExperiment(let id):
            "no experiment '\(id)' in the catalog; pick one from the list"
        case .invalidExperiment(let id, let problem):
            "experiment '\(id)' cannot run: \(problem)"
        case .unknownVariant(let experiment, let variant, let known):
            "experiment '\(experiment)' has no variant '\(variant)'; its variants are \(known.joined(separator: ", "))"
        }
    }
}
