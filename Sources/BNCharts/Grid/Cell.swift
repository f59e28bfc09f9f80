/// One character cell of a ``Grid``: a character (always treated as one column wide) and its ``Style``.
public struct Cell: Sendable, Hashable {
    /// What the cell shows; counted as one column whatever it is.
    public var character: Character
    /// Colors and attributes.
    public var style: Style

    /// Creates a cell; a blank, plain cell by default.
    public init(_ character: Character = " ", style: Style = .plain) {
        self.character = character
        self.style = style
    }

    /// Creates a cell from a single Unicode scalar (e.g. a braille pattern).
    public init(scalar: Unicode.Scalar, style: Style = .plain) {
        self.init(Character(scalar), style: style)
    }

    /// A space in the default style.
    public static let blank = Cell()

    /// True when the cell shows a space with no background color and no reverse video.
    public var isBlank: Bool {
        character == " " && style.background == .default && !style.attributes.contains(.reverse)
    }
}
