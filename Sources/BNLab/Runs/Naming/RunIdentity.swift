/// What tells one run from another when naming it: experiment, variant, seed, an id, and for the
/// files of a data-parallel run the process's rank and the run's group.
///
/// Built from a run file's header (``init(header:)``) or by the workbench from a live run (the
/// backend's id, e.g. `#3`, and the plan's seed).
public struct RunIdentity: Sendable, Hashable {
    /// The experiment's id, e.g. `bn-vs-no-bn`.
    public var experiment: String
    /// The variant's name, e.g. `bn`.
    public var variant: String
    /// The random seed, when known.
    public var seed: UInt64?
    /// A short id that is unique among the runs named together, e.g. `#3` or `#a3f9c2`.
    public var tag: String
    /// The process's rank in a data-parallel run (one file per rank); nil for a single process.
    public var rank: Int?
    /// The id shared by the files of one data-parallel run; nil when not known.
    public var group: String?

    /// An identity from its parts; `tag` gets a leading `#` when it has none.
    public init(experiment: String, variant: String, seed: UInt64?, tag: String, rank: Int? = nil, group: String? = nil) {
        self.experiment = experiment
        self.variant = variant
        self.seed = seed
        self.tag = tag.isEmpty || tag.hasPrefix("#") ? tag : "#" + tag
        self.rank = rank
        self.group = group
    }

    /// The identity of the run a file's header describes (its tag is the header's `run_id`).
    public init(header: RunHeader) {
        self.init(experiment: header.experiment, variant: header.variant, seed: header.seed, tag: header.runID,
                  rank: header.rank, group: header.group)
    }
}
