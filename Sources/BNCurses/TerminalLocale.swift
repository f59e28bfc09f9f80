import BNTUI
import CNcursesw
import Foundation

/// Sets the process locale for curses and decides whether the terminal gets Unicode or ASCII.
///
/// `setlocale(LC_ALL, "")` takes the locale from the environment. When its codeset is UTF-8, Unicode.
/// When the environment names no locale at all, or names a UTF-8 one that is not installed, `C.UTF-8`
/// is tried (a terminal that says nothing is nearly always UTF-8 today). When it names a locale that
/// is not UTF-8 (e.g. `LANG=C` or `en_US.ISO-8859-1`), or nothing works, ASCII.
public enum TerminalLocale {
    /// Sets the locale and returns whether it is UTF-8 (Unicode glyphs can be drawn).
    public static func configure(environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
        setlocale(LC_ALL, "")
        if currentCodesetIsUTF8() { return true }
        guard shouldTryFallback(environment: environment) else { return false }
        setlocale(LC_CTYPE, "C.UTF-8")
        return currentCodesetIsUTF8()
    }

    /// The locale name the environment chose for character types: `LC_ALL`, else `LC_CTYPE`, else
    /// `LANG` (the first non-empty one); nil when none is set.
    public static func requestedLocale(environment: [String: String]) -> String? {
        for name in ["LC_ALL", "LC_CTYPE", "LANG"] {
            if let value = environment[name], !value.isEmpty { return value }
        }
        return nil
    }

    /// Whether to try `C.UTF-8` after the environment's locale gave no UTF-8: when no locale is set,
    /// or when the one set names UTF-8 (and so is simply not installed).
    public static func shouldTryFallback(environment: [String: String]) -> Bool {
        guard let requested = requestedLocale(environment: environment)?.lowercased() else { return true }
        return requested.contains("utf-8") || requested.contains("utf8")
    }

    /// Whether the current `LC_CTYPE` codeset is UTF-8.
    public static func currentCodesetIsUTF8() -> Bool {
        guard let codeset = bnlab_codeset() else { return false }
        let name = String(cString: codeset).lowercased()
        return name == "utf-8" || name == "utf8"
    }

    /// Whether colors are allowed by the environment: `NO_COLOR` set to anything non-empty forbids them.
    public static func colorsAllowed(environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
        (environment["NO_COLOR"] ?? "").isEmpty
    }
}
