extension ExperimentSpec {
    /// Throws a ``SpecIssue`` at the first expectation operand of `lesson` naming a variant the
    /// experiment does not have (`lesson[i].expect[j].less[k]`).
    static func checkExpectationVariants(_ lesson: [LessonStep], variants: [String], at path: [any CodingKey]) throws {
        for (i, step) in lesson.enumerated() {
            for (j, e) in step.expect.enumerated() {
                for (k, operand) in e.operands.enumerated() {
                    guard let r = operand.reference, !variants.contains(r.variant) else { continue }
                    throw SpecIssue(path.appendingIndex(i).appendingKey("expect").appendingIndex(j)
                                        .appendingKey(e.relation.rawValue).appendingIndex(k),
                                    "unknown variant '\(r.variant)' in '\(r)'.\(Suggestions.didYouMean(r.variant, in: variants))",
                                    hint: "the variants are: \(variants.joined(separator: ", "))")
                }
            }
        }
    }
}
