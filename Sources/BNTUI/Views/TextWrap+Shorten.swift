extension TextWrap {
    /// `text` in at most `width` columns, shortened at a word boundary: the words that fit, without
    /// trailing punctuation, then `ellipsis` (`lesson bn-vs-no-bn: a reveals…`). A first word longer
    /// than `width` is cut, as nothing shorter would say more.
    static func shortened(_ text: String, to width: Int, ellipsis: Character) -> String {
        guard width > 0 else { return "" }
        guard text.count > width else { return text }
        let limit = width - 1    // room for the ellipsis
        let chars = Array(text)
        // The last space at or before `limit`: the words before it are whole.
        var end = limit
        while end > 0 && chars[end] != " " { end -= 1 }
        guard end > 0 else { return String(chars.prefix(limit)) + String(ellipsis) }
        var kept = String(chars[..<end])
        while let last = kept.last, " ,;:·|-–(".contains(last) { kept.removeLast() }
        return kept.isEmpty ? String(chars.prefix(limit)) + String(ellipsis) : kept + String(ellipsis)
    }
}
