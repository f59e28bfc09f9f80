/// How images are drawn in a terminal: 256-color half blocks, Unicode shades, or ASCII.
public enum TerminalImageStyle: String, Sendable, CaseIterable {
    /// `▀` half blocks, the upper pixel in the foreground and the lower one in the background,
    /// each a gray of the 256-color palette: two pixel rows per text line, exact gray levels.
    case color256
    /// The shading characters ` ░▒▓█`, one per pair of pixel rows (no color needed).
    case shades
    /// ` .:-=+*#%@`, for terminals whose locale is not UTF-8.
    case ascii

    /// Whether the locale's character set is UTF-8: the first non-empty of `LC_ALL`, `LC_CTYPE`
    /// and `LANG` (POSIX precedence) contains `UTF-8` or `utf8` in any case; no locale → false.
    public static func localeIsUTF8(environment: [String: String]) -> Bool {
        let locale = ["LC_ALL", "LC_CTYPE", "LANG"].lazy.compactMap { environment[$0] }.first { !$0.isEmpty }
        guard let name = locale?.lowercased() else { return false }
        return name.contains("utf-8") || name.contains("utf8")
    }

    /// The best style for the environment: ASCII unless the locale is UTF-8; 256 colors when the
    /// output is a terminal, `TERM` is set and not `dumb`, and `NO_COLOR` is unset or empty;
    /// shades otherwise.
    public static func detect(environment: [String: String], outputIsTerminal: Bool) -> TerminalImageStyle {
        guard localeIsUTF8(environment: environment) else { return .ascii }
        let term = environment["TERM"] ?? ""
        let noColor = !(environment["NO_COLOR"] ?? "").isEmpty
        if outputIsTerminal, !term.isEmpty, term != "dumb", !noColor { return .color256 }
        return .shades
    }
}
