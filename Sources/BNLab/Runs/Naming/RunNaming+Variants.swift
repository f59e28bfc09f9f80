extension RunNaming {
    /// The name of a variant made from `base` by changing some settings, each written as a short
    /// token (`lr0.1`, `b16`): `bn-lr0.1-b16`. Joined by `-`, because variant names go into run
    /// file names and hold no spaces; with no change, `base` itself. The runs of such a variant are
    /// then labelled by ``labels(_:qualifiesExperiment:)`` like any other (`bn-lr0.1-b16 s2`).
    public static func variantName(base: String, changes: [String]) -> String {
        ([base] + changes).joined(separator: "-")
    }
}
