/// One step of an experiment's `lesson:`: where the replay pauses, the chart it shows, the text,
/// and optionally a question to predict before the answer is revealed.
///
/// ```yaml
/// lesson:
///   - step: 300
///     panel: loss
///     text: Both nets have seen the same 300 batches.
///     question: Which curve falls faster?
///     answer: The BN net's.
///     expect:
///       - {less: [bn.loss@300, no-bn.loss@300]}
///   - {epoch: 1, panel: accuracy, text: The end of the first epoch.}
/// ```
/// Exactly one of `step` (an optimizer step) and `epoch` (the end of that epoch, 1-based) is set;
/// `answer` belongs with a `question`; `expect` lists the claims the text makes, checked on the
/// runs (see ``LessonExpectation``).
public struct LessonStep: Codable, Sendable, Equatable {
    /// Where a lesson step pauses the replay.
    public enum Pause: Sendable, Equatable, Hashable {
        /// At this optimizer step.
        case step(Int)
        /// At the end of this epoch (1-based).
        case epoch(Int)
    }

    /// What the lesson says at this point (several lines allowed).
    public var text: String
    /// Where the replay pauses for it.
    public var pause: Pause
    /// The chart shown.
    public var panel: LessonPanel
    /// A question to predict before the answer is shown.
    public var question: String?
    /// The answer, revealed by a key.
    public var answer: String?
    /// The claims its text makes, checked on the runs (`expect:`); empty when it makes none.
    public var expect: [LessonExpectation]

    /// A lesson step built in code.
    public init(text: String, pause: Pause, panel: LessonPanel, question: String? = nil, answer: String? = nil,
                expect: [LessonExpectation] = []) {
        self.text = text
        self.pause = pause
        self.panel = panel
        self.question = question
        self.answer = answer
        self.expect = expect
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case text, step, epoch, panel, question, answer, expect
    }

    /// Decodes the mapping, checking that exactly one of `step` and `epoch` is set.
    public init(from decoder: any Decoder) throws {
        try decoder.checkKeys(CodingKeys.self, in: "a lesson step")
        let c = try decoder.container(keyedBy: CodingKeys.self)
        text = try c.text(.text)
        panel = try c.decode(LessonPanel.self, forKey: .panel)
        let step = try c.positiveIntIfPresent(.step, hint: "the optimizer step to pause at, e.g. 300")
        let epoch = try c.positiveIntIfPresent(.epoch, hint: "the epoch whose end to pause at, e.g. 1")
        switch (step, epoch) {
        case (let s?, nil): pause = .step(s)
        case (nil, let e?): pause = .epoch(e)
        case (.some, .some):
            throw SpecIssue(c.path(.epoch), "cannot be set together with 'step'",
                            hint: "a lesson step pauses at one point: keep either 'step' or 'epoch'")
        case (nil, nil):
            throw SpecIssue(c.path(.text), "lesson step has no pause point",
                            hint: "add 'step: N' (an optimizer step) or 'epoch: N' (the end of that epoch)",
                            kind: .missingField)
        }
        question = try c.decodeIfPresent(String.self, forKey: .question)?.trimmingCharacters(in: .whitespacesAndNewlines)
        answer = try c.decodeIfPresent(String.self, forKey: .answer)?.trimmingCharacters(in: .whitespacesAndNewlines)
        if answer != nil, question == nil {
            throw SpecIssue(c.path(.answer), "has no question",
                            hint: "add 'question:' (asked before the answer is revealed), or put the answer in 'text'")
        }
        expect = try c.decodeIfPresent([LessonExpectation].self, forKey: .expect) ?? []
    }

    /// Encodes the fields that are set.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(text, forKey: .text)
        switch pause {
        case .step(let s): try c.encode(s, forKey: .step)
        case .epoch(let e): try c.encode(e, forKey: .epoch)
        }
        try c.encode(panel, forKey: .panel)
        try c.encodeIfPresent(question, forKey: .question)
        try c.encodeIfPresent(answer, forKey: .answer)
        if !expect.isEmpty { try c.encode(expect, forKey: .expect) }
    }
}
