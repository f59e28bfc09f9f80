import Foundation

/// The memory a run may use, checked while resolving a plan so that `list` shows the problem
/// beside the file and `run` refuses before allocating anything.
///
/// The estimate, in bytes, for 32-bit floats:
/// ```
/// bytes = 4 · (K·P + 2·B·A)
/// ```
/// - `P`: parameters of every layer, `K` copies of each: the value, its gradient and the
///   optimizer's buffers (``OptimizerSpec/stateBuffersPerParameter``: SGD's momentum, Adam's two
///   moments, …), so K = 2 for plain SGD and 4 for Adam;
/// - `A`: values per sample of the input and of every layer's output (kept for the backward
///   pass, and their gradients: 2·A);
/// - `B`: samples per forward pass, the larger of `micro_batch` and `eval_batch_size`.
struct MemoryBudget {
    /// What one run may use: 4 GiB.
    static let bytesPerRun = 4 << 30

    /// Samples per forward pass (`B`).
    let samples: Int
    /// Copies of every parameter (`K`): value, gradient and optimizer state.
    let parameterCopies: Int
    /// The parameter count so far (`P`).
    private(set) var parameters = 0
    /// The values per sample so far (`A`).
    private(set) var activations = 0

    /// A budget for forward passes of `samples` samples, with `parameterCopies` copies of each parameter.
    init(samples: Int, parameterCopies: Int = 3) {
        self.samples = max(1, samples)
        self.parameterCopies = max(1, parameterCopies)
    }

    /// Adds a layer's parameters and output values per sample; throws at `path` once the run
    /// would need more than ``bytesPerRun``, naming the numbers.
    mutating func add(parameters p: Int, activations a: Int, what: String, at path: FieldPath) throws(SpecIssue) {
        parameters = try CheckedSize.sum(parameters, p, at: path)
        activations = try CheckedSize.sum(activations, a, at: path)
        let bytes = estimate()
        guard let bytes, bytes <= Self.bytesPerRun else {
            let size = bytes.map { Self.describe(bytes: $0) } ?? "more than 2^63 bytes"
            throw SpecIssue(path, "\(what) brings the run to \(size) (4 bytes × (\(parameterCopies) × \(parameters) parameters + 2 × \(samples) samples × \(activations) values)), over the \(Self.describe(bytes: Self.bytesPerRun)) a run may use",
                            hint: "use smaller layers, a smaller input or a smaller micro_batch / eval_batch_size")
        }
    }

    /// `4·(K·P + 2·B·A)`, nil when it overflows.
    func estimate() -> Int? {
        let (p3, o1) = parameters.multipliedReportingOverflow(by: parameterCopies)
        let (ba, o2) = samples.multipliedReportingOverflow(by: activations)
        let (ba2, o3) = ba.multipliedReportingOverflow(by: 2)
        let (sum, o4) = p3.addingReportingOverflow(ba2)
        let (bytes, o5) = sum.multipliedReportingOverflow(by: 4)
        return o1 || o2 || o3 || o4 || o5 ? nil : bytes
    }

    /// `5.2 GiB`, `312 MiB`.
    static func describe(bytes: Int) -> String {
        let gib = Double(bytes) / Double(1 << 30)
        if gib >= 1 { return gib >= 1024 ? "\(Int(gib.rounded())) GiB" : String(format: "%.1f GiB", gib) }
        return "\(Int((Double(bytes) / Double(1 << 20)).rounded())) MiB"
    }
}
