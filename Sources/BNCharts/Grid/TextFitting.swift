/// Fitting strings into a number of columns, counting every character as one column.
public enum TextFitting {
    /// `text` cut to at most `width` characters, the last one replaced by `ellipsis` when cut.
    ///
    /// `truncate("running_mean", to: 8)` is `"running…"`.
    public static func truncate(_ text: String, to width: Int, ellipsis: Character = "…") -> String {
        guard width > 0 else { return "" }
        guard text.count > width else { return text }
        return String(text.prefix(width - 1)) + String(ellipsis)
    }

    /// `text` right-aligned in `width` columns (truncated when longer).
    public static func padLeft(_ text: String, to width: Int, ellipsis: Character = "…") -> String {
        let t = truncate(text, to: width, ellipsis: ellipsis)
        return String(repeating: " ", count: max(0, width - t.count)) + t
    }

    /// A character safe to put into one cell: control characters (newline, tab, escape…) become a space.
    static func sanitized(_ c: Character) -> Character {
        guard let first = c.unicodeScalars.first else { return " " }
        if first.value < 0x20 || first.value == 0x7F || (0x80..<0xA0).contains(first.value) { return " " }
        return c
    }
}
