/// Weights saved beside the run file (`checkpoint`, format 1.1).
///
/// `{"type":"checkpoint","step":938,"epoch":1,"file":"…e1.safetensors","reason":"epoch"}`
public struct CheckpointEvent: Codable, Sendable, Equatable {
    /// The optimizer step the weights are from.
    public var step: Int
    /// The last completed epoch, when known.
    public var epoch: Int?
    /// The checkpoint's path, relative to the run file's folder.
    public var file: String
    /// Why it was saved: `epoch`, `end` or `interrupt`, when given.
    public var reason: String?
    /// The file's SHA-256 in lower-case hex, when given.
    public var sha256: String?

    /// A checkpoint event.
    public init(step: Int, epoch: Int? = nil, file: String, reason: String? = nil, sha256: String? = nil) {
        self.step = step
        self.epoch = epoch
        self.file = file
        self.reason = reason
        self.sha256 = sha256
    }

    enum CodingKeys: String, CodingKey {
        case step, epoch, file, reason, sha256
    }

    /// Decodes one line; `step` and `epoch` must lie in 0 … 2^53.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        step = try c.decodeCount(.step)
        epoch = try c.decodeCountIfPresent(.epoch)
        file = try c.decode(String.self, forKey: .file)
        reason = try c.decodeIfPresent(String.self, forKey: .reason)
        sha256 = try c.decodeIfPresent(String.self, forKey: .sha256)
    }
}
