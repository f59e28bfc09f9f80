import BNLab
import Foundation

/// What differs between the configurations of compared runs: each run's `config` (its ``RunPlan``)
/// is flattened into key paths such as `optimizer.lr` or `model[2].momentum`, the `params` of a run
/// another program wrote (the PyTorch recorder) into `params.lr`, `params.batch_size`…, and a
/// data-parallel file's `rank` and `world_size` are keys too; only the keys whose values are not
/// the same in every run are kept.
///
/// ```text
/// key                     r1      r2
/// variant                 bn      no-bn
/// model[1].type           batch_norm2d  relu      (a path missing from a run reads "—")
/// params.lr               0.1     0.05
/// ```
public struct ConfigDiff: Sendable, Equatable {
    /// One differing key and its value in each run (nil: the run has no such key).
    public struct Row: Sendable, Equatable {
        /// The flat key path.
        public var key: String
        /// The value per run, in run order.
        public var values: [String?]
    }

    /// The runs' labels, in order.
    public var labels: [String]
    /// The differing keys, sorted by key path.
    public var rows: [Row]
    /// Labels of runs whose header has no readable config (nor `params`).
    public var withoutConfig: [String]

    /// The differences between `runs`' configurations.
    public init(runs: [(label: String, config: RunPlan?)]) {
        self.init(labels: runs.map(\.label), flat: runs.map { $0.config.map(Self.flatten) })
    }

    /// The differences between the runs these headers describe: `config`, `params`, `rank` and
    /// `world_size` (see ``flatten(_:)-(RunHeader)``).
    public init(headers: [(label: String, header: RunHeader)]) {
        self.init(labels: headers.map(\.label), flat: headers.map { Self.flatten($0.header) })
    }

    /// The rows of the keys of `flat` (one per run; nil: nothing readable) whose values differ.
    private init(labels: [String], flat: [[String: String]?]) {
        self.labels = labels
        withoutConfig = zip(labels, flat).filter { $0.1 == nil }.map(\.0)
        let flat = flat.map { $0 ?? [:] }
        let keys = Set(flat.flatMap(\.keys)).sorted()
        rows = flat.count < 2 ? [] : keys.compactMap { key in
            let values = flat.map { $0[key] }
            return Set(values).count > 1 ? Row(key: key, values: values) : nil
        }
    }

    /// A header as flat keys: its config's paths (``flatten(_:)-(RunPlan)``), `params.NAME` for
    /// each of its `params`, and `rank`, `world_size` when it has them; nil when it has neither a
    /// readable config nor params.
    public static func flatten(_ header: RunHeader) -> [String: String]? {
        guard header.config != nil || !header.params.isEmpty else { return nil }
        var out = header.config.map(flatten) ?? [:]
        for (name, value) in header.params { out["params." + TerminalSafe.strip(name)] = TerminalSafe.strip(value.description) }
        if let rank = header.rank { out["rank"] = String(rank) }
        if let size = header.worldSize { out["world_size"] = String(size) }
        return out
    }

    /// `plan` as flat key paths (`optimizer.lr`, `model[0].type`) to JSON-like values.
    public static func flatten(_ plan: RunPlan) -> [String: String] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let data = try? encoder.encode(plan), let value = try? JSONDecoder().decode(FlatValue.self, from: data)
        else { return [:] }
        var out: [String: String] = [:]
        value.flatten(path: "", into: &out)
        return out
    }
}

/// Any JSON value, decoded with `Codable`, to flatten a configuration into key paths.
private enum FlatValue: Decodable {
    case object([String: FlatValue])
    case array([FlatValue])
    case scalar(String)

    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() {
            self = .scalar("null")
        } else if let b = try? c.decode(Bool.self) {
            self = .scalar(b ? "true" : "false")
        } else if let i = try? c.decode(Int64.self) {
            self = .scalar(String(i))
        } else if let d = try? c.decode(Double.self) {
            self = .scalar(String(d))
        } else if let s = try? c.decode(String.self) {
            self = .scalar(s)
        } else if let a = try? c.decode([FlatValue].self) {
            self = .array(a)
        } else {
            self = .object(try c.decode([String: FlatValue].self))
        }
    }

    func flatten(path: String, into out: inout [String: String]) {
        switch self {
        case .scalar(let text): out[path] = text
        case .array(let items):
            if items.isEmpty { out[path] = "[]" }
            for (i, item) in items.enumerated() { item.flatten(path: "\(path)[\(i)]", into: &out) }
        case .object(let fields):
            if fields.isEmpty { out[path] = "{}" }
            for (key, field) in fields { field.flatten(path: path.isEmpty ? key : "\(path).\(key)", into: &out) }
        }
    }
}
