/// The keys of the playground's form, for its footer, its own help line and the help overlay.
///
/// Printable characters other than ``write`` are typed into the highlighted value.
enum PlaygroundKeys {
    /// Writes the new variant as an experiment file.
    static let write: Character = "w"

    /// The footer's hints.
    static func hints(unicode: Bool) -> [KeyHint] {
        [KeyHint(keys: "Enter", hint: "train"), KeyHint(keys: String(write), hint: "write YAML"),
         KeyHint(keys: unicode ? "Tab/↑↓" : "Tab/Up/Down", hint: "move"),
         KeyHint(keys: unicode ? "←→/Space" : "Left/Right", hint: "choose")]
    }

    /// The help overlay's lines: keys and what they do.
    static func help(unicode: Bool) -> [(keys: String, summary: String)] {
        [(unicode ? "Tab/↑↓" : "Tab/Up/Down", "next/previous setting"),
         (unicode ? "←→/Space" : "Left/Right", "change a choice, the variant"),
         ("0-9 . - e", "type a value (Backspace deletes)"),
         ("Enter", "train the new variant live"),
         (String(write), "write it as a new experiment"),
         ("Esc", "close, nothing trained")]
    }
}
