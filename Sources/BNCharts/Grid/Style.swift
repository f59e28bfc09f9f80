/// Foreground, background and attributes of one cell.
///
/// ```swift
/// let warning = Style(foreground: .yellow, attributes: .bold)
/// let faint = Style.fg(.cyan).adding(.dim)
/// ```
public struct Style: Sendable, Hashable {
    /// Text color.
    public var foreground: ChartColor
    /// Cell background color.
    public var background: ChartColor
    /// Bold, dim, reverse, underline.
    public var attributes: TextAttributes

    /// Creates a style; every part defaults to the terminal's default.
    public init(foreground: ChartColor = .default, background: ChartColor = .default, attributes: TextAttributes = []) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }

    /// The terminal default: no colors, no attributes.
    public static let plain = Style()

    /// A style with only a foreground color.
    public static func fg(_ color: ChartColor) -> Style { Style(foreground: color) }

    /// A style with only a background color.
    public static func bg(_ color: ChartColor) -> Style { Style(background: color) }

    /// This style with another foreground color.
    public func withForeground(_ color: ChartColor) -> Style {
        var s = self
        s.foreground = color
        return s
    }

    /// This style with another background color.
    public func withBackground(_ color: ChartColor) -> Style {
        var s = self
        s.background = color
        return s
    }

    /// This style with `attributes` added.
    public func adding(_ attributes: TextAttributes) -> Style {
        var s = self
        s.attributes.formUnion(attributes)
        return s
    }

    /// This style with `attributes` removed.
    public func removing(_ attributes: TextAttributes) -> Style {
        var s = self
        s.attributes.subtract(attributes)
        return s
    }
}
