/// Max pooling over square windows: `{type: MaxPool2d, kernel: 2, stride: 2}`.
///
/// Output size per spatial side: `⌊(size − kernel) / stride⌋ + 1`.
public struct MaxPool2dOptions: Codable, Sendable, Equatable {
    /// Window side, required.
    public var kernel: Int
    /// Stride; default the kernel side (PyTorch's default).
    public var stride: Int

    /// A pooling layer; the stride defaults to the kernel side.
    public init(kernel: Int, stride: Int? = nil) {
        self.kernel = kernel
        self.stride = stride ?? kernel
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case kernel, stride
    }

    /// Decodes `{kernel, stride?}`.
    public init(from decoder: any Decoder) throws {
        try decoder.checkKeys(CodingKeys.self, in: "a MaxPool2d layer", also: ["type"])
        let c = try decoder.container(keyedBy: CodingKeys.self)
        kernel = try c.positiveInt(.kernel, hint: "the window side, e.g. 2")
        stride = try c.positiveIntIfPresent(.stride, hint: "the stride, e.g. 2") ?? kernel
    }

    /// PyTorch's repr: `MaxPool2d(kernel_size=2, stride=2, padding=0, dilation=1, ceil_mode=False)`.
    public var description: String {
        "MaxPool2d(kernel_size=\(kernel), stride=\(stride), padding=0, dilation=1, ceil_mode=False)"
    }
}
