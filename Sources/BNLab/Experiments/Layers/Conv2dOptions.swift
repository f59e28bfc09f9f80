/// A 2-D convolution with a square kernel: `{type: Conv2d, out: 6, kernel: 3, stride: 1, padding: 0}`.
///
/// Output size per spatial side: `⌊(size + 2·padding − kernel) / stride⌋ + 1`.
public struct Conv2dOptions: Codable, Sendable, Equatable {
    /// Input channels (`in`); nil in a file means "infer". Always set in a ``RunPlan``.
    public var inChannels: Int?
    /// Output channels (`out`), required.
    public var outChannels: Int
    /// Kernel side, required.
    public var kernel: Int
    /// Stride; default 1.
    public var stride: Int
    /// Zero padding on every side; default 0.
    public var padding: Int
    /// Whether the layer adds a bias; default true.
    public var bias: Bool
    /// This layer's weight initialization (`init`); in a ``RunPlan``, the resolved one, nil for
    /// PyTorch's default.
    public var initialization: InitSpec?

    /// A Conv2d layer.
    public init(inChannels: Int? = nil, outChannels: Int, kernel: Int, stride: Int = 1, padding: Int = 0, bias: Bool = true,
                initialization: InitSpec? = nil) {
        self.inChannels = inChannels
        self.outChannels = outChannels
        self.kernel = kernel
        self.stride = stride
        self.padding = padding
        self.bias = bias
        self.initialization = initialization
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case inChannels = "in", outChannels = "out", kernel, stride, padding, bias, initialization = "init"
    }

    /// Decodes `{in?, out, kernel, stride?, padding?, bias?}`.
    public init(from decoder: any Decoder) throws {
        try decoder.checkKeys(CodingKeys.self, in: "a Conv2d layer", also: ["type"])
        let c = try decoder.container(keyedBy: CodingKeys.self)
        inChannels = try c.positiveIntIfPresent(.inChannels, hint: "the number of input channels, or leave it out to infer it")
        outChannels = try c.positiveInt(.outChannels, hint: "the number of output channels, e.g. 6")
        kernel = try c.positiveInt(.kernel, hint: "the kernel side, e.g. 3")
        stride = try c.positiveIntIfPresent(.stride, hint: "the stride, e.g. 1") ?? 1
        padding = try c.nonNegativeIntIfPresent(.padding) ?? 0
        bias = try c.value(.bias, default: true)
        initialization = try c.decodeIfPresent(InitSpec.self, forKey: .initialization)
        if initialization?.layers != nil {
            throw SpecIssue(c.path(.initialization).appendingKey("layers"), "is for an experiment's or a variant's init",
                            hint: "a layer's own init applies to that layer; remove 'layers'")
        }
    }

    /// PyTorch's repr: `Conv2d(1, 6, kernel_size=(3, 3), stride=(1, 1))`.
    public var description: String {
        var out = "Conv2d(\(inChannels.map(String.init) ?? "?"), \(outChannels), kernel_size=(\(kernel), \(kernel)), stride=(\(stride), \(stride))"
        if padding != 0 { out += ", padding=(\(padding), \(padding))" }
        if !bias { out += ", bias=False" }
        return out + ")"
    }
}
