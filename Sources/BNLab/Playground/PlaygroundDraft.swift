import Foundation
import Yams

/// Turns the playground form's values into a new variant, checked by the experiment loader.
///
/// The base experiment is rewritten as a document with one variant, the new one: choices change
/// its structure (`bn`, `norm`, the BatchNorm/ReLU order of ``BNPlacement``), typed values go in
/// as the YAML scalars they were typed as (`lr: 0.1`, `p: abc`), at the keys a file would hold
/// them. ``ExperimentLoader/decode(yaml:file:)`` then reads the document and the variant is
/// resolved to its plan, so a typed value is judged exactly as in an experiment file, with the
/// same error (`field 'variants[0].lr': must be greater than 0, got -1.0 — …`).
public enum PlaygroundDraft {
    /// The name the document has in errors.
    public static let documentName = "playground"

    /// The new variant of `base` with the form's `values` (knobs not in `values` keep the base's);
    /// knobs ``PlaygroundBase/unavailable(_:in:)`` rules out keep the base's value and are not
    /// compared.
    public static func build(_ base: PlaygroundBase, values: [PlaygroundKnob: String]) throws(ExperimentError) -> PlaygroundVariant {
        var values = values
        for (knob, value) in base.values where values[knob] == nil { values[knob] = value }
        let usable = Set(PlaygroundKnob.allCases.filter { base.unavailable($0, in: values) == nil })
        let changed = { (knob: PlaygroundKnob) in usable.contains(knob) && values[knob] != base.values[knob] }

        let document: String
        do {
            document = try serialize(node: try node(base, values: values, changed: changed))
        } catch {
            throw ExperimentError(kind: .invalidValue, file: documentName, problem: "could not be written as YAML (\(error))",
                                  hint: "change the value just typed")
        }
        var spec = try ExperimentLoader.decode(yaml: document, file: documentName)
        let plan = try spec.plans()[0]
        let now = PlaygroundBase.values(spec: spec, variant: spec.variants[0], plan: plan)
        let changes = PlaygroundKnob.allCases.filter { usable.contains($0) && now[$0] != base.values[$0] }.map {
            PlaygroundVariant.Change(knob: $0, from: base.values[$0] ?? "", to: now[$0] ?? "")
        }
        var variant = spec.variants[0]
        variant.name = RunNaming.variantName(base: base.variant.name, changes: changes.map { $0.knob.nameToken($0.to) })
        variant.note = "playground, from \(base.variant.name)"
        spec.variants = [variant]
        return PlaygroundVariant(spec: spec, plan: try spec.plan(variant: variant.name), changes: changes,
                                 baseVariant: base.variant.name)
    }

    /// The experiment document: the base with the choices applied, then the typed values set.
    private static func node(_ base: PlaygroundBase, values: [PlaygroundKnob: String],
                             changed: (PlaygroundKnob) -> Bool) throws -> Node {
        var spec = base.spec
        var variant = base.variant
        if changed(.batchNorm) { variant.bn = values[.batchNorm] == "off" ? false : nil }
        if variant.bn == false {
            variant.norm = nil
            variant.normGroups = nil
            variant.momentum = nil
        }
        if changed(.norm), let norm = values[.norm].flatMap(NormKind.init(rawValue:)) {
            variant.norm = norm == .batch ? nil : norm
            if norm != .group { variant.normGroups = nil }
        }
        if changed(.placement), let placement = values[.placement].flatMap(BNPlacement.init(rawValue:)) {
            spec.model = placement.apply(to: spec.model)
        }
        // A new batch size with both micro_batch and accumulation_steps given: keep the micro-batch.
        if changed(.batchSize), variant.microBatch != nil { variant.accumulationSteps = nil }
        // The plan's data and phase epochs (command-line --subset/--epochs), unless typed anew.
        spec.dataset.subset = base.plan.dataset.subset
        if var phases = spec.phases, phases.count == base.plan.phases.count {
            for i in phases.indices { phases[i].epochs = base.plan.phases[i].epochs }
            spec.phases = phases
            spec.epochs = phases.reduce(0) { $0 + $1.epochs }
        }
        spec.variants = [variant]
        spec.lesson = nil

        guard var root = try compose(yaml: try YAMLEncoder().encode(spec)) else {
            throw ExperimentError(kind: .missingField, file: documentName, problem: "is empty")
        }
        func typed(_ knob: PlaygroundKnob) -> Node { Node((values[knob] ?? "").trimmingCharacters(in: .whitespaces)) }
        func setVariant(_ key: String, _ value: Node) {
            set(&root, ["variants", 0, .key(key)], value)
        }
        setVariant("batch_size", typed(.batchSize))
        setVariant("lr", typed(.lr))
        setVariant("seed", typed(.seed))
        if spec.phases == nil { setVariant("epochs", typed(.epochs)) }
        if changed(.bnMomentum) { setVariant("momentum", typed(.bnMomentum)) }
        if changed(.initScale) { set(&root, ["variants", 0, "init", "scale"], typed(.initScale)) }
        if changed(.optimizerMomentum) { set(&root, ["optimizer", "momentum"], typed(.optimizerMomentum)) }
        if changed(.dropout) {
            for index in DropoutLayers.indices(in: spec.model) { set(&root, ["model", .index(index), "p"], typed(.dropout)) }
        }
        if changed(.subset) {
            let text = (values[.subset] ?? "").trimmingCharacters(in: .whitespaces)
            if text == "full" || text.isEmpty {
                removeKey(&root, "subset", under: "dataset")
            } else {
                // As `--subset N`: balanced, with a fifth as many test images (at least 100).
                var subset: Node = ["train": typed(.subset), "balanced": "true"]
                if let n = Int(text), n > 0, let test = RunOverrides(subset: n).subsetSpec?.test { subset["test"] = Node("\(test)") }
                set(&root, ["dataset", "subset"], subset)
            }
        }
        return root
    }

    /// One step down a document: a mapping key or a list index.
    private enum Step: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral {
        case key(String)
        case index(Int)
        init(stringLiteral value: String) { self = .key(value) }
        init(integerLiteral value: Int) { self = .index(value) }
    }

    /// Sets the value at `path` (the mappings and list items on the way must exist; the last
    /// key is added when missing).
    private static func set(_ node: inout Node, _ path: [Step], _ value: Node) {
        guard let first = path.first else {
            node = value
            return
        }
        let rest = Array(path.dropFirst())
        switch (node, first) {
        case (.mapping(var mapping), .key(let key)):
            var child = mapping[key] ?? Node.mapping(Node.Mapping([]))
            set(&child, rest, value)
            mapping[key] = child
            node = .mapping(mapping)
        case (.sequence(var sequence), .index(let index)) where sequence.indices.contains(index):
            set(&sequence[index], rest, value)
            node = .sequence(sequence)
        default:
            break
        }
    }

    /// Removes `key` from the mapping at the top-level key `parent`.
    private static func removeKey(_ node: inout Node, _ key: String, under parent: String) {
        guard case .mapping(var top) = node, case .mapping(let inner)? = top[parent] else { return }
        top[parent] = .mapping(Node.Mapping(inner.filter { $0.key.string != key }.map { ($0.key, $0.value) }))
        node = .mapping(top)
    }
}
