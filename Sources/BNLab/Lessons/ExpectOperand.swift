/// One operand of an expectation: a number, or a reference to a number of a run.
public enum ExpectOperand: Sendable, Hashable, CustomStringConvertible {
    case number(Double)
    case reference(MetricReference)

    /// The reference, if it is one.
    public var reference: MetricReference? {
        if case .reference(let r) = self { return r }
        return nil
    }

    /// As written in the file: `0.8` or `bn.accuracy@epoch1`.
    public var description: String {
        switch self {
        case .number(let x): return ExpectationFormat.number(x)
        case .reference(let r): return r.description
        }
    }
}
