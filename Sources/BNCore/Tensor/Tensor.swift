/// A dense, row-major float32 tensor: a shape and its elements.
///
/// `Tensor` is a value type (copy-on-write through its `[Float]` storage). Layers read and write
/// `data` through unsafe buffers in their hot loops; everything else treats it as a plain value.
///
/// ```swift
/// let x = Tensor(shape: [2, 3], data: [0, 1, 2, 3, 4, 5])
/// x[1, 2]            // 5
/// x.reshaped([3, 2]) // same elements, new shape
/// ```
public struct Tensor: Sendable, Equatable, CustomStringConvertible {
    /// The size of each dimension, outermost first. `[]` is a scalar.
    public private(set) var shape: [Int]
    /// The elements in row-major order; `data.count == shape.reduce(1, *)`.
    public var data: [Float]

    /// A tensor with the given shape and elements (`data.count` must equal the shape's product).
    public init(shape: [Int], data: [Float]) {
        precondition(shape.allSatisfy { $0 >= 0 }, "negative dimension in shape \(shape)")
        precondition(data.count == Tensor.count(of: shape),
                     "shape \(shape) needs \(Tensor.count(of: shape)) elements, got \(data.count)")
        self.shape = shape
        self.data = data
    }

    /// A tensor of the given shape filled with `value`.
    public init(repeating value: Float, shape: [Int]) {
        self.init(shape: shape, data: [Float](repeating: value, count: Tensor.count(of: shape)))
    }

    /// A tensor of zeros.
    public init(zeros shape: [Int]) { self.init(repeating: 0, shape: shape) }

    /// A tensor of the given shape whose elements `initializer` writes, all of them, into
    /// uninitialized storage: for kernels that overwrite their whole output, saving a zero fill.
    @inlinable
    public init(shape: [Int], unsafeUninitialized initializer: (UnsafeMutableBufferPointer<Float>) -> Void) {
        let count = Tensor.count(of: shape)
        self.init(shape: shape, data: [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
            initializer(UnsafeMutableBufferPointer(rebasing: buffer[0..<count]))
            initialized = count
        })
    }

    /// A one-dimensional tensor holding `values`.
    public init(_ values: [Float]) { self.init(shape: [values.count], data: values) }

    /// The number of elements a tensor of `shape` holds.
    @inlinable public static func count(of shape: [Int]) -> Int { shape.reduce(1, *) }

    /// The number of elements.
    @inlinable public var count: Int { data.count }
    /// The number of dimensions.
    @inlinable public var rank: Int { shape.count }

    /// The element at a full multi-index.
    public subscript(_ index: Int...) -> Float {
        get { data[offset(index)] }
        set { data[offset(index)] = newValue }
    }

    private func offset(_ index: [Int]) -> Int {
        precondition(index.count == shape.count, "index \(index) does not match shape \(shape)")
        var offset = 0
        for (i, n) in zip(index, shape) {
            precondition(i >= 0 && i < n, "index \(index) out of range for shape \(shape)")
            offset = offset * n + i
        }
        return offset
    }

    /// The same elements viewed with another shape of equal element count.
    public func reshaped(_ newShape: [Int]) -> Tensor {
        Tensor(shape: newShape, data: data)
    }

    /// Changes the shape in place, keeping the elements (element counts must match).
    public mutating func reshape(_ newShape: [Int]) {
        precondition(Tensor.count(of: newShape) == data.count, "cannot view \(shape) as \(newShape)")
        shape = newShape
    }

    /// The largest absolute elementwise difference to `other` (shapes must have equal counts).
    public func maxAbsDifference(_ other: Tensor) -> Float {
        precondition(count == other.count, "comparing \(shape) with \(other.shape)")
        var worst: Float = 0
        for i in 0..<count {
            let d = abs(data[i] - other.data[i])
            if d > worst || d.isNaN { worst = d.isNaN ? .nan : d }
        }
        return worst
    }

    /// A short description: shape and the first elements.
    public var description: String {
        let head = data.prefix(8).map { String($0) }.joined(separator: ", ")
        return "Tensor(\(shape), [\(head)\(count > 8 ? ", …" : "")])"
    }
}
