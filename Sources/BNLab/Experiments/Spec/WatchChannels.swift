/// Which channels of every BatchNorm layer `bn_watch` events follow (`record.watch_channels`):
/// a number of evenly spaced channels, or a list of channel indices.
///
/// ```yaml
/// watch_channels: 4            # channels floor(i·C/4), i = 0…3: 0, 64, 128, 192 of 256
/// watch_channels: [0, 7, 31]   # these channels (those beyond a layer's width are left out)
/// watch_channels: 0            # no bn_watch events
/// ```
public enum WatchChannels: Codable, Sendable, Equatable {
    /// `k` channels spread evenly: `floor(i·C/k)` for i = 0 … k−1 (all C when k ≥ C); 0: none.
    case evenly(Int)
    /// These channel indices.
    case list([Int])

    /// The default: 4 evenly spaced channels.
    public static let standard = WatchChannels.evenly(4)

    /// The channel indices to watch in a layer of `channels` channels, increasing, without repeats.
    public func indices(channels: Int) -> [Int] {
        switch self {
        case .evenly(let k):
            guard k > 0, channels > 0 else { return [] }
            let n = min(k, channels)
            return (0..<n).map { $0 * channels / n }          // floor(i·C/k)
        case .list(let list):
            return Array(Set(list.filter { $0 >= 0 && $0 < channels })).sorted()
        }
    }

    /// Whether no channel is watched.
    public var isOff: Bool {
        switch self {
        case .evenly(let k): k == 0
        case .list(let list): list.isEmpty
        }
    }

    /// Decodes a whole number of at least 0 or a list of channel indices of at least 0.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let k = try? c.decode(Int.self) {
            guard k >= 0 else {
                throw SpecIssue(FieldPath(decoder.codingPath), "must be 0 or more, got \(k)",
                                hint: "write how many channels per BatchNorm layer to follow, e.g. 4, or 0 for none")
            }
            self = .evenly(k)
        } else if let list = try? c.decode([Int].self) {
            if let bad = list.first(where: { $0 < 0 }) {
                throw SpecIssue(FieldPath(decoder.codingPath), "holds \(bad); channel indices count from 0",
                                hint: "list channel indices such as [0, 7, 31]")
            }
            self = .list(list)
        } else {
            throw SpecIssue(FieldPath(decoder.codingPath), "expected a whole number or a list of channel indices",
                            hint: "write e.g. 4 (evenly spaced channels) or [0, 7, 31]")
        }
    }

    /// Encodes the number or the list.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .evenly(let k): try c.encode(k)
        case .list(let list): try c.encode(list)
        }
    }
}
