/// Draws a small grayscale image as lines of text, two pixel rows per line.
///
/// Every line is exactly `width` columns wide on screen (escape sequences aside), so images can
/// be set side by side. Multi-channel images are drawn as the mean of their channels.
public struct TerminalImageRenderer: Sendable {
    /// The drawing style.
    public let style: TerminalImageStyle

    /// A renderer drawing in `style`.
    public init(style: TerminalImageStyle) { self.style = style }

    /// The shading characters, darkest first.
    static let shades: [Character] = [" ", "░", "▒", "▓", "█"]
    /// The ASCII ramp, darkest first.
    static let asciiRamp: [Character] = [" ", ".", ":", "-", "=", "+", "*", "#", "%", "@"]

    /// The image (H × W × C bytes, channel last) as ⌈H/2⌉ lines; empty if the sizes do not fit.
    public func render<Pixels: Collection<UInt8>>(_ pixels: Pixels, height: Int, width: Int,
                                                  channels: Int = 1) -> [String] {
        guard height > 0, width > 0, channels > 0, pixels.count == height * width * channels else { return [] }
        let values = Array(pixels)
        // gray(y, x) = mean over c of in[y, x, c]; rows past the bottom are black.
        func gray(_ y: Int, _ x: Int) -> Int {
            guard y < height else { return 0 }
            var sum = 0
            for c in 0..<channels { sum += Int(values[(y * width + x) * channels + c]) }
            return sum / channels
        }
        var lines: [String] = []
        for y in stride(from: 0, to: height, by: 2) {
            var line = ""
            var current: (Int, Int)?
            for x in 0..<width {
                let top = gray(y, x), bottom = gray(y + 1, x)
                switch style {
                case .color256:
                    let colors = (Self.paletteGray(top), Self.paletteGray(bottom))
                    if current.map({ $0 != colors }) ?? true {
                        line += "\u{1B}[38;5;\(colors.0);48;5;\(colors.1)m"
                        current = colors
                    }
                    line += "▀"
                case .shades:
                    line.append(Self.shades[(top + bottom) * Self.shades.count / 512])
                case .ascii:
                    line.append(Self.asciiRamp[(top + bottom) * Self.asciiRamp.count / 512])
                }
            }
            if style == .color256 { line += "\u{1B}[0m" }
            lines.append(line)
        }
        return lines
    }

    /// The 256-color palette index closest to gray level `value`: 16 (black), 232…255
    /// (levels 8 + 10k), or 231 (white).
    public static func paletteGray(_ value: Int) -> Int {
        let v = max(0, min(255, value))
        if v < 4 { return 16 }
        if v > 246 { return 231 }
        // ramp level 8 + 10k nearest to v
        return 232 + max(0, min(23, (v - 8 + 5) / 10))
    }
}
