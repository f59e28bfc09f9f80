/// A dialog drawn over the workbench; while one is open, keys go to it.
public enum Overlay: Sendable, Equatable {
    /// The key help, listing every binding.
    case help
    /// "Quit while runs are active?" with the number of active runs.
    case confirmQuit(activeRuns: Int)
    /// Choosing what to run: all variants (row 0) or one.
    case variantPicker(VariantPicker)
    /// The configuration keys that differ between the replayed runs.
    case configDiff
    /// The saved runs of the runs folder, to open one or compare several.
    case runsBrowser(RunsBrowser)
    /// The playground's form: a variant's knobs, to train or write out as a new variant.
    case playground(PlaygroundForm)
}
