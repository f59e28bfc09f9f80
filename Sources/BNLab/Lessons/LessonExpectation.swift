/// A machine-checkable claim of a lesson step over the recorded metrics (`expect:`).
///
/// ```yaml
/// expect:
///   - {less: [bn.loss@300, no-bn.loss@300]}                  # a < b
///   - {greater: [bn.accuracy@epoch1, 0.80]}                 # a > b
///   - {between: [bn.accuracy@end, 0.80, 0.90]}              # lo <= a <= hi
///   - {near: [bn.accuracy@epoch1, bn.train_mode_accuracy@epoch1], within: 0.01}   # |a - b| <= within
///   - {greater: [bn.mode_gap@epoch1, 0.02], when: full}     # checked on full data only
/// ```
public struct LessonExpectation: Codable, Sendable, Equatable {
    /// The comparison.
    public enum Relation: String, Sendable, CaseIterable {
        case less, greater, between, near

        /// How many operands it takes.
        var arity: Int { self == .between ? 3 : 2 }
    }

    /// The comparison.
    public var relation: Relation
    /// Its operands, in order (2, or 3 for `between`: value, low, high).
    public var operands: [ExpectOperand]
    /// The tolerance of `near`.
    public var within: Double?
    /// Whether it holds only on the full data set (`when: full`).
    public var fullDataOnly: Bool

    /// An expectation built in code.
    public init(_ relation: Relation, _ operands: [ExpectOperand], within: Double? = nil, fullDataOnly: Bool = false) {
        self.relation = relation
        self.operands = operands
        self.within = within
        self.fullDataOnly = fullDataOnly
    }

    /// The references it reads.
    public var references: [MetricReference] { operands.compactMap(\.reference) }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case less, greater, between, near, within, when
    }

    /// Decodes one mapping with exactly one relation key, checking the operands' count and syntax.
    public init(from decoder: any Decoder) throws {
        try decoder.checkKeys(CodingKeys.self, in: "an expectation")
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let present = Relation.allCases.filter { c.contains(CodingKeys(rawValue: $0.rawValue)!) }
        guard present.count == 1, let relation = present.first else {
            throw SpecIssue(c.codingPath, present.isEmpty ? "has no comparison" : "has more than one comparison",
                            hint: "write exactly one of less: [a, b], greater: [a, b], between: [a, lo, hi], near: [a, b] with within",
                            kind: present.isEmpty ? .missingField : .invalidValue)
        }
        self.relation = relation
        let key = CodingKeys(rawValue: relation.rawValue)!
        var list = try c.nestedUnkeyedContainer(forKey: key)
        var operands: [ExpectOperand] = []
        while !list.isAtEnd {
            let path = c.path(key).appendingIndex(list.currentIndex)
            if let number = try? list.decode(Double.self) {
                guard number.isFinite else {
                    throw SpecIssue(path, "must be a finite number, got \(number)", hint: "write an ordinary number such as 0.8")
                }
                operands.append(.number(number))
                continue
            }
            guard let text = try? list.decode(String.self) else {
                throw SpecIssue(path, "expected a number or a reference VARIANT.METRIC@POINT",
                                hint: "write e.g. 0.8 or bn.accuracy@epoch1", kind: .typeMismatch)
            }
            operands.append(.reference(try Self.reference(text, at: path)))
        }
        guard operands.count == relation.arity else {
            let form = relation == .between ? "[value, low, high]" : "[a, b]"
            throw SpecIssue(c.path(key), "has \(operands.count) operands, \(relation.rawValue) takes \(relation.arity)",
                            hint: "write \(relation.rawValue): \(form)")
        }
        guard operands.contains(where: { $0.reference != nil }) else {
            throw SpecIssue(c.path(key), "compares only numbers",
                            hint: "at least one operand must read a run: VARIANT.METRIC@POINT, e.g. bn.loss@300")
        }
        self.operands = operands
        within = try c.numberIfPresent(.within, in: 0...Double.greatestFiniteMagnitude,
                                       hint: "the largest allowed |a - b|, e.g. 0.01")
        if relation == .near, within == nil {
            throw SpecIssue(c.path(.near), "needs 'within'", hint: "add within: the largest allowed |a - b|, e.g. 0.01",
                            kind: .missingField)
        }
        if relation != .near, within != nil {
            throw SpecIssue(c.path(.within), "belongs with 'near'", hint: "remove 'within', or compare with near: [a, b]")
        }
        if let when = try c.typed(String.self, .when, expected: "text") {
            guard when == "full" else {
                throw SpecIssue(c.path(.when), "unknown condition '\(when)'",
                                hint: "the only condition is 'full' (holds only on the full data set); remove 'when' otherwise")
            }
            fullDataOnly = true
        } else {
            fullDataOnly = false
        }
    }

    /// A parsed reference, or a ``SpecIssue`` at `path` saying what is wrong with it.
    static func reference(_ text: String, at path: [any CodingKey]) throws -> MetricReference {
        switch MetricReference.parse(text) {
        case .success(let r): return r
        case .failure(.noPoint):
            throw SpecIssue(path, "'\(text)' has no point", hint: "write VARIANT.METRIC@POINT, e.g. bn.loss@300")
        case .failure(.badPoint(let point)):
            throw SpecIssue(path, "bad point '\(point)' in '\(text)'",
                            hint: "a point is an optimizer step (300), the end of an epoch (epoch1) or the end of the run (end)")
        case .failure(.noVariant):
            throw SpecIssue(path, "'\(text)' names no variant", hint: "write VARIANT.METRIC@POINT, e.g. bn.loss@300")
        case .failure(.badMetric(let metric)):
            throw SpecIssue(path, "unknown metric '\(metric)' in '\(text)'.\(Suggestions.didYouMean(metric, in: LessonMetric.names))",
                            hint: "metrics: \(LessonMetric.names.joined(separator: ", "))")
        }
    }

    /// Encodes the same mapping it was decoded from.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        var list = c.nestedUnkeyedContainer(forKey: CodingKeys(rawValue: relation.rawValue)!)
        for operand in operands {
            switch operand {
            case .number(let x): try list.encode(x)
            case .reference(let r): try list.encode(r.description)
            }
        }
        try c.encodeIfPresent(within, forKey: .within)
        if fullDataOnly { try c.encode("full", forKey: .when) }
    }
}
