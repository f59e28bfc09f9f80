import BNLab

/// The playground's form (`e`): an experiment variant's knobs, edited into a new variant.
///
/// Row 0 picks the variant the values start from; the others are the ``PlaygroundKnob``s. Every
/// change is built at once with ``PlaygroundDraft`` (so the loader's verdict is always shown), and
/// ``outcome`` holds the new variant or the loader's error.
public struct PlaygroundForm: Sendable, Equatable {
    /// One line of the form.
    public enum Row: Sendable, Equatable {
        /// The variant the values start from.
        case variant
        /// A knob.
        case knob(PlaygroundKnob)
    }

    /// The rows, in order.
    public static let rows: [Row] = [.variant] + PlaygroundKnob.allCases.map(Row.knob)

    /// The experiment, variant and plan the values start from.
    public private(set) var base: PlaygroundBase
    /// The variants of the experiment, in order (row 0 cycles through them).
    public let variantNames: [String]
    /// The plan of each variant, as ``variantNames``.
    let plans: [RunPlan]
    /// The knobs' values as typed or chosen.
    public private(set) var values: [PlaygroundKnob: String]
    /// The highlighted row (an index into ``rows``).
    public var row = 0
    /// Whether the next typed character replaces the highlighted value (set on arriving at a row).
    public var replacesOnType = true
    /// The new variant, or why the values do not make one.
    public private(set) var outcome: Result<PlaygroundVariant, ExperimentError>
    /// The experiment file last written (`w`), as shown to people.
    public var written: String?

    /// A form over the variant at `variantIndex` of `experiment`; nil when the experiment has no
    /// file behind it or a variant does not resolve.
    public init?(experiment: ExperimentInfo, variantIndex: Int) {
        guard let spec = experiment.spec, spec.variants.indices.contains(variantIndex) else { return nil }
        var plans: [RunPlan] = []
        for variant in spec.variants {
            // The plan the catalog lists (with the workbench's --epochs/--subset), else the file's.
            let listed = experiment.variant(named: variant.name)?.plan
            guard let plan = listed ?? (try? spec.plan(variant: variant.name)) else { return nil }
            plans.append(plan)
        }
        guard let base = PlaygroundBase(spec: spec, variantIndex: variantIndex, plan: plans[variantIndex]) else { return nil }
        self.base = base
        self.variantNames = spec.variants.map(\.name)
        self.plans = plans
        values = base.values
        outcome = Self.build(base, values)
    }

    /// The experiment's id.
    public var experimentID: String { base.spec.id }

    /// The highlighted row.
    public var currentRow: Row { Self.rows[row] }

    /// Why `knob` cannot be changed now, or nil.
    public func unavailable(_ knob: PlaygroundKnob) -> String? { base.unavailable(knob, in: values) }

    /// Whether `row` can be highlighted (a knob that cannot be changed is skipped).
    public func isSelectable(_ row: Row) -> Bool {
        if case .knob(let knob) = row { return unavailable(knob) == nil }
        return true
    }

    /// The knob the outcome's error is about, when it names one of the fields the knob writes.
    public var failingKnob: PlaygroundKnob? {
        guard case .failure(let error) = outcome, let field = error.field else { return nil }
        return Self.knob(forField: field)
    }

    /// The knob that writes `field` of the playground document, e.g. `variants[0].lr` → lr.
    static func knob(forField field: String) -> PlaygroundKnob? {
        let last = field.split(separator: ".").last.map(String.init) ?? field
        switch (field.hasPrefix("variants[0]"), last) {
        case (true, "batch_size"), (true, "micro_batch"), (true, "accumulation_steps"): return .batchSize
        case (true, "lr"): return .lr
        case (true, "seed"): return .seed
        case (true, "epochs"): return .epochs
        case (true, "momentum"): return .bnMomentum
        case (true, "norm"), (true, "norm_groups"): return .norm
        case (true, "bn"): return .batchNorm
        case (true, "scale"): return field.hasPrefix("variants[0].init") ? .initScale : nil
        case (false, "momentum"), (false, "nesterov"): return field.hasPrefix("optimizer") ? .optimizerMomentum : nil
        case (false, "p"): return .dropout
        default: return field.hasPrefix("dataset.subset") ? .subset : nil
        }
    }

    // MARK: Editing

    /// Moves the highlight by `delta` selectable rows, wrapping around.
    public mutating func move(by delta: Int) {
        var next = row
        for _ in Self.rows.indices {
            next = ((next + delta) % Self.rows.count + Self.rows.count) % Self.rows.count
            if isSelectable(Self.rows[next]) { break }
        }
        row = next
        replacesOnType = true
    }

    /// Highlights `knob`'s row.
    public mutating func select(_ knob: PlaygroundKnob) {
        if let i = Self.rows.firstIndex(of: .knob(knob)) { row = i }
        replacesOnType = true
    }

    /// On a choice row: the next (`+1`) or previous (`-1`) choice; on the variant row: the next or
    /// previous variant, with every value reset to it. Typed rows are left alone.
    public mutating func cycle(by delta: Int) {
        switch currentRow {
        case .variant:
            let i = ((base.variantIndex + delta) % variantNames.count + variantNames.count) % variantNames.count
            guard let next = PlaygroundBase(spec: base.spec, variantIndex: i, plan: plans[i]) else { return }
            base = next
            values = next.values
            written = nil
        case .knob(let knob):
            guard let choices = knob.choices, !choices.isEmpty else { return }
            let current = choices.firstIndex(of: values[knob] ?? "") ?? 0
            values[knob] = choices[((current + delta) % choices.count + choices.count) % choices.count]
        }
        rebuild()
    }

    /// Types `character` into the highlighted typed knob (replacing its value when just arrived).
    public mutating func type(_ character: Character) {
        guard case .knob(let knob) = currentRow, knob.choices == nil else { return }
        values[knob] = (replacesOnType ? "" : values[knob] ?? "") + String(character)
        replacesOnType = false
        rebuild()
    }

    /// Deletes the last character of the highlighted typed knob.
    public mutating func deleteBackward() {
        guard case .knob(let knob) = currentRow, knob.choices == nil else { return }
        values[knob] = String((values[knob] ?? "").dropLast())
        replacesOnType = false
        rebuild()
    }

    private mutating func rebuild() {
        outcome = Self.build(base, values)
    }

    private static func build(_ base: PlaygroundBase, _ values: [PlaygroundKnob: String]) -> Result<PlaygroundVariant, ExperimentError> {
        Result { () throws(ExperimentError) in try PlaygroundDraft.build(base, values: values) }
    }
}
