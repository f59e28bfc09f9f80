/// PyTorch's spelling of a shape in messages, e.g. `torch.Size([1, 3])`.
public func torchSize(_ shape: [Int]) -> String {
    "torch.Size([\(shape.map(String.init).joined(separator: ", "))])"
}
