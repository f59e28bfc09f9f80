import Foundation

/// Word wrapping for notes and help text, counting every character as one column.
enum TextWrap {
    /// `text` with the soft line breaks of a list item joined: a line indented under a `- ` item
    /// (or under its previous continuation) continues it, so that ``lines(_:width:)`` fills the
    /// width instead of keeping the source file's breaks (notes are written at 100 columns and
    /// read at 50). Other lines (headings, items, text after a blank line) keep their breaks.
    static func reflowed(_ text: String) -> String {
        var out: [String] = []
        var inItem = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.drop { $0 == " " }
            if inItem, !trimmed.isEmpty, trimmed.count < line.count, let last = out.indices.last {
                out[last] += " " + trimmed
                continue
            }
            inItem = line.hasPrefix("- ")
            out.append(String(line))
        }
        return out.joined(separator: "\n")
    }

    /// `text` broken into lines of at most `width` columns: at spaces where possible, hard breaks kept,
    /// words longer than a line split. List items (`- `) continue indented under their text.
    static func lines(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var out: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let raw = String(paragraph)
            if raw.trimmingCharacters(in: .whitespaces).isEmpty { out.append(""); continue }
            let leading = raw.prefix { $0 == " " }.count
            let body = raw.dropFirst(leading)
            let hangIndent = leading + (body.hasPrefix("- ") ? 2 : 0)
            var line = String(repeating: " ", count: leading)
            var lineHasWord = false
            for word in body.split(separator: " ") {
                var word = String(word)
                while !word.isEmpty {
                    let room = width - line.count - (lineHasWord ? 1 : 0)
                    if word.count <= room {
                        line += (lineHasWord ? " " : "") + word
                        lineHasWord = true
                        word = ""
                    } else if !lineHasWord || word.count > width - hangIndent {
                        // Split a word that cannot fit on any line.
                        let take = max(1, room)
                        line += (lineHasWord ? " " : "") + String(word.prefix(take))
                        word = String(word.dropFirst(take))
                        out.append(line)
                        line = String(repeating: " ", count: min(hangIndent, width - 1))
                        lineHasWord = false
                    } else {
                        out.append(line)
                        line = String(repeating: " ", count: min(hangIndent, width - 1))
                        lineHasWord = false
                    }
                }
            }
            if lineHasWord || !line.trimmingCharacters(in: .whitespaces).isEmpty { out.append(line) }
        }
        return out
    }
}
