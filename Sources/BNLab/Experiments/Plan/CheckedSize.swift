/// Whole-number arithmetic on sizes read from an experiment file: every sum and product is
/// checked, and an overflow becomes a ``SpecIssue`` naming the field instead of a trap.
///
/// ```swift
/// let padded = try CheckedSize.sum(height, try CheckedSize.product(2, padding, at: path), at: path)
/// ```
enum CheckedSize {
    /// `a + b`, or an issue at `path` when it does not fit in an `Int`.
    static func sum(_ a: Int, _ b: Int, at path: FieldPath) throws(SpecIssue) -> Int {
        let (value, overflow) = a.addingReportingOverflow(b)
        guard !overflow else { throw tooLarge("\(a) + \(b)", at: path) }
        return value
    }

    /// The product of `factors`, or an issue at `path` when it does not fit in an `Int`.
    static func product(_ factors: Int..., at path: FieldPath) throws(SpecIssue) -> Int {
        try product(of: factors, at: path)
    }

    /// The product of `factors`, or an issue at `path` when it does not fit in an `Int`.
    static func product(of factors: [Int], at path: FieldPath) throws(SpecIssue) -> Int {
        var value = 1
        for factor in factors {
            let (next, overflow) = value.multipliedReportingOverflow(by: factor)
            guard !overflow else { throw tooLarge(factors.map(String.init).joined(separator: " × "), at: path) }
            value = next
        }
        return value
    }

    private static func tooLarge(_ expression: String, at path: FieldPath) -> SpecIssue {
        SpecIssue(path, "is too large: \(expression) does not fit in a 64-bit integer",
                  hint: "use sizes that fit in memory (a run may use \(MemoryBudget.describe(bytes: MemoryBudget.bytesPerRun)))")
    }
}
