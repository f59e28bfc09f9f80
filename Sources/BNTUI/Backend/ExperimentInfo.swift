import BNLab

/// One experiment of the catalog as the workbench lists it.
public struct ExperimentInfo: Sendable, Equatable, Identifiable {
    /// The stable id, e.g. `bn-vs-no-bn` (the spec's file name).
    public var id: String
    /// The one-line title, e.g. `BatchNorm vs. no BatchNorm`.
    public var title: String
    /// A one-sentence summary shown under the title.
    public var summary: String
    /// The teaching notes: what to look at and why it looks like that (plain text, paragraphs).
    public var notes: String
    /// The variants, in spec order; starting "all variants" starts one run per entry.
    public var variants: [VariantInfo]
    /// Display names of the dataset's classes, e.g. `T-shirt/top`; empty when unknown.
    public var classNames: [String]
    /// Why the spec could not be loaded (field, what was wrong, what to do); nil when it is valid.
    /// An invalid experiment is listed but cannot be started.
    public var problem: String?
    /// The experiment as loaded, for the playground (`e`); nil when there is no file behind it
    /// (demo, replayed runs).
    public var spec: ExperimentSpec?

    /// An experiment entry.
    public init(id: String, title: String, summary: String, notes: String = "", variants: [VariantInfo],
                classNames: [String] = [], problem: String? = nil, spec: ExperimentSpec? = nil) {
        self.id = id
        self.title = title
        self.summary = summary
        self.notes = notes
        self.variants = variants
        self.classNames = classNames
        self.problem = problem
        self.spec = spec
    }

    /// The variant named `name`, if any.
    public func variant(named name: String) -> VariantInfo? {
        variants.first { $0.name == name }
    }
}
