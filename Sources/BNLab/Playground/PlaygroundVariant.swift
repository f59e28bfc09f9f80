/// A variant made in the playground: the experiment that trains it, its plan, and what changed.
public struct PlaygroundVariant: Sendable, Equatable {
    /// One knob that changed, from the base variant's value to the new one.
    public struct Change: Sendable, Equatable {
        /// The knob.
        public var knob: PlaygroundKnob
        /// The base variant's value.
        public var from: String
        /// The new value.
        public var to: String
    }

    /// The base experiment with the playground's settings and one variant, the new one (same id,
    /// so its runs sit beside the other variants' runs; no lesson, whose claims were about the
    /// shipped variants).
    public var spec: ExperimentSpec
    /// The plan of the new variant, as a run of it trains.
    public var plan: RunPlan
    /// The knobs that changed, in form order.
    public var changes: [Change]
    /// The variant it was made from.
    public var baseVariant: String

    /// The new variant's name: the base variant's with what changed (``RunNaming/variantName(base:changes:)``).
    public var name: String { plan.variant }

    /// `lr 0.01 → 0.1, batch size 64 → 16` (`->` without Unicode); `no change` when nothing changed.
    public func changesText(unicode: Bool = true) -> String {
        guard !changes.isEmpty else { return "no change" }
        let arrow = unicode ? " → " : " -> "
        return changes.map { "\($0.knob.label) \($0.from)\(arrow)\($0.to)" }.joined(separator: ", ")
    }

    /// The variant as an experiment of its own, for the catalog: id `id`, a title, summary and
    /// notes saying where it came from and what changed. (The base's notes and lesson are left
    /// out: their claims were about the shipped settings.)
    public func experiment(id: String) -> ExperimentSpec {
        var out = spec
        out.id = id
        out.title = "\(spec.title): \(name)"
        out.summary = "Made in the playground from \(spec.id), variant \(baseVariant): \(changesText(unicode: false))."
        out.notes = """
            Made in the workbench's playground from experiment \(spec.id), variant \(baseVariant).
            What changed: \(changesText(unicode: false)).
            Train it beside the original variants and compare the loss and accuracy charts.

            """
        out.lesson = nil
        return out
    }
}
