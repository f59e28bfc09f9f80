extension ExperimentSpec {
    /// The model with each Linear/Conv2d layer's `init` resolved for one variant.
    ///
    /// Per layer, from least to most specific: the experiment's `init` (if its `layers` lists the
    /// layer's type), the layer's own `init`, the variant's `init` (same rule); each changes what
    /// it gives (``InitSpec/merged(over:)``). A key the scheme in force does not take is an error
    /// at the place that wrote it.
    func initializedModel(_ model: [LayerSpec], at modelPath: FieldPath, _ variant: VariantSpec,
                          _ vpath: FieldPath) throws(SpecIssue) -> [LayerSpec] {
        try model.enumerated().map { (index, layer) throws(SpecIssue) -> LayerSpec in
            let lpath = modelPath.appending(index: index).appending("init")
            switch layer {
            case .linear(var o):
                o.initialization = try Self.resolveInit(for: "Linear", own: o.initialization, at: lpath, experiment: initialization,
                                                        variant: variant.initialization, vpath: vpath.appending("init"))
                return .linear(o)
            case .conv2d(var o):
                o.initialization = try Self.resolveInit(for: "Conv2d", own: o.initialization, at: lpath, experiment: initialization,
                                                        variant: variant.initialization, vpath: vpath.appending("init"))
                return .conv2d(o)
            default:
                return layer
            }
        }
    }

    private static func resolveInit(for type: String, own: InitSpec?, at lpath: FieldPath, experiment: InitSpec?,
                                    variant: InitSpec?, vpath: FieldPath) throws(SpecIssue) -> InitSpec? {
        func applies(_ spec: InitSpec?) -> InitSpec? {
            guard let spec, (spec.layers ?? InitSpec.layerTypes).contains(type) else { return nil }
            return spec
        }
        let chain: [(InitSpec?, FieldPath)] = [(applies(experiment), FieldPath.root.appending("init")), (own, lpath),
                                               (applies(variant), vpath)]
        var current: InitSpec?
        for case let (spec?, path) in chain {
            let next = spec.merged(over: current)
            try spec.check(against: next.scheme ?? .default, at: path)
            current = next
        }
        return current?.resolved()
    }
}
