import BNLab

/// A backend that can train the playground's variants and add them to the catalog (the real one,
/// ``LabBackend``; the demo and replays cannot).
public protocol PlaygroundBackend: AnyObject {
    /// Queues a run of the new variant, live like any run (its plan as built: no command-line
    /// overrides on top, they are in the form's values already).
    func start(playground variant: PlaygroundVariant) throws

    /// Writes the variant into the catalog folder as a new experiment file and reloads the catalog;
    /// returns the file as shown to people (`experiments/x.yaml`) and the new experiment's id.
    func write(playground variant: PlaygroundVariant) throws -> (file: String, experimentID: String)
}

extension LabBackend: PlaygroundBackend {
    public func start(playground variant: PlaygroundVariant) throws {
        started.append((launcher.launch(variant.plan), variant.plan))
    }

    public func write(playground variant: PlaygroundVariant) throws -> (file: String, experimentID: String) {
        guard let folder = experimentsFolder else {
            throw BackendError(message: "no experiments folder here: new experiments are written by `bnlab`")
        }
        let url = try PlaygroundExport.write(variant, to: folder)
        catalog = ExperimentCatalog.load(folder: folder)
        experiments = Self.experimentInfos(catalog: catalog, classNames: classNames, overrides: overrides)
        return ("\(folder.lastPathComponent)/\(url.lastPathComponent)", url.deletingPathExtension().lastPathComponent)
    }
}
