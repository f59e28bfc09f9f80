/// Text from files (names, messages, notes) made safe to print to a terminal.
///
/// A run or experiment file may hold control characters, e.g. `ESC ] 0 ; title BEL`, which a
/// terminal would obey (retitle the window, move the cursor, change colours). Before such text is
/// printed, every control character is removed: C0 (U+0000–U+001F) but tab and newline where
/// allowed, DEL (U+007F) and C1 (U+0080–U+009F).
public enum TerminalSafe {
    /// `text` without control characters; tabs become spaces, and newlines too unless
    /// `keepingNewlines` is set.
    public static func strip(_ text: String, keepingNewlines: Bool = false) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar == "\n" && keepingNewlines {
                out.append(scalar)
            } else if scalar == "\t" || scalar == "\n" {
                out.append(" ")
            } else if !isControl(scalar) {
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// Whether `scalar` is a C0 control, DEL or a C1 control.
    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }
}
