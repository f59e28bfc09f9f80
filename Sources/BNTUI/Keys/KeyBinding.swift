/// One row of the key-binding table: the keys, what they do, and how the footer and help show them.
public struct KeyBinding: Sendable, Hashable {
    /// The keys that trigger the action (the first ones are shown in the footer).
    public var keys: [Key]
    /// What happens.
    public var action: KeyAction
    /// The help overlay's description, e.g. `run the selected experiment`.
    public var summary: String
    /// The footer's short hint, e.g. `run`; nil keeps the binding out of the footer.
    public var hint: String?
    /// The help section.
    public var group: KeyGroup

    /// A binding.
    public init(_ keys: [Key], _ action: KeyAction, _ summary: String, hint: String? = nil, group: KeyGroup) {
        self.keys = keys
        self.action = action
        self.summary = summary
        self.hint = hint
        self.group = group
    }

    /// All keys joined by `/`, e.g. `k/↑`.
    public func keysLabel(unicode: Bool) -> String {
        keys.map { $0.label(unicode: unicode) }.joined(separator: "/")
    }

    /// The footer's key text: at most the first two keys, e.g. `j/↓`.
    public func footerKeysLabel(unicode: Bool) -> String {
        keys.prefix(2).map { $0.label(unicode: unicode) }.joined(separator: "/")
    }
}
