import Foundation

/// The first line of a run file: what ran, with which configuration, on which data, when.
///
/// ```json
/// {"format":"bnlab-run","version":"1.1","run_id":"a3f9c2","experiment":"bn-vs-no-bn","variant":"bn",
///  "config":{…the RunPlan…},"seed":1,"dataset_fingerprint":"fashion-mnist:…","bnlab_version":"0.1.0",
///  "started":"2025-01-31T12:00:00Z","class_names":["T-shirt/top", …]}
/// ```
public struct RunHeader: Codable, Sendable, Equatable {
    /// Always ``RunFormat/name`` (`"bnlab-run"`).
    public var format: String
    /// The format version the file was written with.
    public var version: FormatVersion
    /// A short random id that tells apart runs of the same variant (`run_id`).
    public var runID: String
    /// The experiment's id.
    public var experiment: String
    /// The variant's name.
    public var variant: String
    /// The fully resolved configuration. nil when the header has none, or one this bnlab cannot
    /// read (then the reader adds a notice and the events still replay).
    public var config: RunPlan?
    /// The random seed.
    public var seed: UInt64
    /// Identifies the data the run saw (`dataset_fingerprint`), e.g. a digest of the IDX files
    /// and the subset; runs with different fingerprints are not directly comparable.
    public var datasetFingerprint: String
    /// The bnlab version that wrote the file (`bnlab_version`).
    public var bnlabVersion: String
    /// When the run started.
    public var started: Date
    /// The dataset's class names, index = class label (`class_names`).
    public var classNames: [String]
    /// The model's modules by name (`modules`, 1.1); empty when the header has none (bnlab's own runs
    /// describe their model in `config`).
    public var modules: [RunModule] = []
    /// Flat settings of a run written by another program (`params`, 1.1), shown like `config`.
    public var params: [String: RunParam] = [:]
    /// This process's rank in a data-parallel run (`rank`, 1.1); nil for a single-process run.
    public var rank: Int?
    /// The number of processes of a data-parallel run (`world_size`, 1.1).
    public var worldSize: Int?
    /// The id shared by the files of one data-parallel run, one per rank (`group`, 1.1).
    public var group: String?

    /// Why `config` could not be read, when it could not (not written to files).
    var configProblem: String?

    /// A header for a run of `plan`, in the current format version.
    public init(plan: RunPlan, datasetFingerprint: String, classNames: [String], started: Date = Date(),
                runID: String = RunHeader.makeRunID(), bnlabVersion: String = BNLabInfo.version) {
        self.format = RunFormat.name
        self.version = RunFormat.version
        self.runID = runID
        self.experiment = plan.experimentID
        self.variant = plan.variant
        self.config = plan
        self.seed = plan.seed
        self.datasetFingerprint = datasetFingerprint
        self.bnlabVersion = bnlabVersion
        self.started = started
        self.classNames = classNames
    }

    /// Six random lower-case hex digits.
    public static func makeRunID() -> String {
        let value = UInt32.random(in: 0...0xFF_FFFF)
        let hex = String(value, radix: 16)
        return String(repeating: "0", count: 6 - hex.count) + hex
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case format, version, runID = "run_id", experiment, variant, config, seed
        case datasetFingerprint = "dataset_fingerprint", bnlabVersion = "bnlab_version", started
        case classNames = "class_names"
        case modules, params, rank, worldSize = "world_size", group
    }

    /// The module named `name` in ``modules``, if the header describes it.
    public func module(named name: String) -> RunModule? {
        modules.first { $0.name == name }
    }

    /// `params` as sorted `key=value` text (`batch_size=64 lr=0.1`), empty without params.
    public var paramsText: String {
        params.keys.sorted().map { "\($0)=\(params[$0]?.description ?? "")" }.joined(separator: " ")
    }

    /// Decodes a header; a `config` that does not decode is kept as nil with the reason.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        format = try c.decode(String.self, forKey: .format)
        version = try c.decode(FormatVersion.self, forKey: .version)
        runID = try c.decodeIfPresent(String.self, forKey: .runID) ?? ""
        experiment = try c.decode(String.self, forKey: .experiment)
        variant = try c.decode(String.self, forKey: .variant)
        seed = try c.decodeUInt64IfPresent(.seed) ?? 0
        datasetFingerprint = try c.decodeIfPresent(String.self, forKey: .datasetFingerprint) ?? ""
        bnlabVersion = try c.decodeIfPresent(String.self, forKey: .bnlabVersion) ?? ""
        started = try c.decode(Date.self, forKey: .started)
        classNames = try c.decodeIfPresent([String].self, forKey: .classNames) ?? []
        modules = try c.decodeIfPresent([RunModule].self, forKey: .modules) ?? []
        params = try c.decodeIfPresent([String: RunParam].self, forKey: .params) ?? [:]
        // rank in 0 … world_size − 1, world_size ≥ 1, both at most 2^53
        rank = try c.decodeCountIfPresent(.rank)
        worldSize = try c.decodeCountIfPresent(.worldSize, minimum: 1)
        if let rank, let worldSize, rank >= worldSize {
            throw DecodingError.dataCorruptedError(forKey: .rank, in: c,
                debugDescription: "is \(rank), but world_size is \(worldSize) (ranks run 0 … world_size − 1)")
        }
        group = try c.decodeIfPresent(String.self, forKey: .group)
        if c.contains(.config), try !c.decodeNil(forKey: .config) {
            do {
                config = try c.decode(RunPlan.self, forKey: .config)
            } catch {
                config = nil
                configProblem = RunFileError.describe(error)
            }
        } else {
            config = nil
            configProblem = "the header has no config"
        }
        // A program other than bnlab describes its run in `params` and its model in `modules` (the
        // PyTorch recorder writes both, params maybe empty): a missing config is expected then.
        if config == nil, !params.isEmpty || !modules.isEmpty,
           !c.contains(.config) || ((try? c.decodeNil(forKey: .config)) ?? false) {
            configProblem = nil
        }
    }

    /// Encodes every field (`config` as null when absent).
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(format, forKey: .format)
        try c.encode(version, forKey: .version)
        try c.encode(runID, forKey: .runID)
        try c.encode(experiment, forKey: .experiment)
        try c.encode(variant, forKey: .variant)
        try c.encode(config, forKey: .config)
        try c.encode(seed, forKey: .seed)
        try c.encode(datasetFingerprint, forKey: .datasetFingerprint)
        try c.encode(bnlabVersion, forKey: .bnlabVersion)
        try c.encode(started, forKey: .started)
        try c.encode(classNames, forKey: .classNames)
        if !modules.isEmpty { try c.encode(modules, forKey: .modules) }
        if !params.isEmpty { try c.encode(params, forKey: .params) }
        try c.encodeIfPresent(rank, forKey: .rank)
        try c.encodeIfPresent(worldSize, forKey: .worldSize)
        try c.encodeIfPresent(group, forKey: .group)
    }
}
