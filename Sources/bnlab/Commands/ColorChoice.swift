import ArgumentParser

/// `--color auto|always|never` of the commands that print charts.
enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
    /// Colour on a terminal, unless `NO_COLOR` is set (to anything but the empty string) or `TERM=dumb`.
    case auto
    /// Always colour, e.g. for `less -R`.
    case always
    /// Never colour.
    case never

    /// Whether to print colours on standard output, a terminal or not, in `environment`.
    func isOn(isTerminal: Bool, environment: [String: String]) -> Bool {
        switch self {
        case .always: true
        case .never: false
        case .auto: isTerminal && (environment["NO_COLOR"] ?? "").isEmpty && environment["TERM"] != "dumb"
        }
    }
}
