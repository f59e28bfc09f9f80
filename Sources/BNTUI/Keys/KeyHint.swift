/// One key hint of the footer or one line of a help section: the keys as shown and what they do.
struct KeyHint: Sendable, Hashable {
    /// The keys, e.g. `j/↓`.
    var keys: String
    /// What they do, e.g. `move`.
    var hint: String

    /// The footer hint of `action` from ``KeyBindings`` with another text, e.g. `play` for pause;
    /// nil when the action has no binding.
    /// With `firstKeyOnly`, only the first key is shown (`p` rather than `p/Space`), to fit more.
    static func action(_ action: KeyAction, _ hint: String, unicode: Bool, firstKeyOnly: Bool = false) -> KeyHint? {
        KeyBindings.binding(for: action).map { binding in
            let keys = firstKeyOnly ? binding.keys.first.map { $0.label(unicode: unicode) } ?? ""
                : binding.footerKeysLabel(unicode: unicode)
            return KeyHint(keys: keys, hint: hint)
        }
    }
}
