/// One module of a model as a run header describes it (`modules`, format 1.1): its PyTorch name and
/// type, and for normalization layers what is known of them.
///
/// `{"name":"layer1.0.bn1","type":"BatchNorm2d","features":64,"eps":1e-05,"momentum":0.1,"affine":true,"track_running_stats":true}`
public struct RunModule: Codable, Sendable, Equatable {
    /// The module's name in the model (`"2"`, `layer1.0.bn1`); BN events' `layer` refers to it.
    public var name: String
    /// Its class name (`BatchNorm2d`, `Conv2d`, or any type bnlab cannot build).
    public var type: String
    /// Channels (`features`), when known.
    public var features: Int?
    /// The normalization's epsilon, when known.
    public var eps: Double?
    /// The BatchNorm momentum; nil either when unknown or for a cumulative average (see ``isCumulative``).
    public var momentum: Double?
    /// True when the header wrote `"momentum": null`: PyTorch's cumulative average (`momentum=None`).
    public var isCumulative: Bool
    /// Whether the layer has a learned scale and shift, when known.
    public var affine: Bool?
    /// Whether the layer keeps running statistics, when known.
    public var trackRunningStats: Bool?

    /// A module description.
    public init(name: String, type: String, features: Int? = nil, eps: Double? = nil, momentum: Double? = nil,
                isCumulative: Bool = false, affine: Bool? = nil, trackRunningStats: Bool? = nil) {
        self.name = name
        self.type = type
        self.features = features
        self.eps = eps
        self.momentum = momentum
        self.isCumulative = isCumulative
        self.affine = affine
        self.trackRunningStats = trackRunningStats
    }

    /// Whether bnlab treats it as a BatchNorm layer (any `*BatchNorm*` type, SyncBatchNorm included).
    public var isBatchNorm: Bool { type.contains("BatchNorm") }

    /// `layer1.0.bn1 (BatchNorm2d, 64 channels)`.
    public var label: String {
        features.map { "\(name) (\(type), \($0) channels)" } ?? "\(name) (\(type))"
    }

    enum CodingKeys: String, CodingKey {
        case name, type, features, eps, momentum, affine
        case trackRunningStats = "track_running_stats"
    }

    /// Decodes leniently: fields of unexpected types (e.g. a LayerNorm's shape list as `features`)
    /// or out of range (`features` below 1) are left unknown rather than failing the header.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        type = try c.decodeIfPresent(String.self, forKey: .type) ?? "?"
        features = (try? c.decodeCountIfPresent(.features, minimum: 1)) ?? nil   // 1 … 2^53, else unknown
        eps = try? c.decodeIfPresent(Double.self, forKey: .eps)
        isCumulative = c.contains(.momentum) && ((try? c.decodeNil(forKey: .momentum)) ?? false)
        momentum = try? c.decodeIfPresent(Double.self, forKey: .momentum)
        affine = try? c.decodeIfPresent(Bool.self, forKey: .affine)
        trackRunningStats = try? c.decodeIfPresent(Bool.self, forKey: .trackRunningStats)
    }

    /// Encodes the known fields (`momentum: null` for a cumulative average).
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(type, forKey: .type)
        try c.encodeIfPresent(features, forKey: .features)
        try c.encodeIfPresent(eps, forKey: .eps)
        if isCumulative { try c.encodeNil(forKey: .momentum) } else { try c.encodeIfPresent(momentum, forKey: .momentum) }
        try c.encodeIfPresent(affine, forKey: .affine)
        try c.encodeIfPresent(trackRunningStats, forKey: .trackRunningStats)
    }
}
