/// The braille dot numbering and its bits in the Unicode braille block.
///
/// A braille cell has two columns of four dots. Unicode encodes a pattern as `U+2800 + bits`, with
/// dot *n* at bit *n − 1*; dots 7 and 8 were added last, so the bit layout is not row-major:
///
/// ```
///   dot:  1 4      bit: 0x01 0x08      pixel (dx, dy): (0,0) (1,0)
///         2 5           0x02 0x10                      (0,1) (1,1)
///         3 6           0x04 0x20                      (0,2) (1,2)
///         7 8           0x40 0x80                      (0,3) (1,3)
/// ```
public enum BrailleDots {
    /// The empty pattern `⠀` (U+2800); the other 255 patterns follow it.
    public static let base: UInt32 = 0x2800

    /// Bit of the dot in column `dx` (0…1) and row `dy` (0…3) of a cell: left column
    /// 0x01 0x02 0x04 0x40 top to bottom, right column 0x08 0x10 0x20 0x80; 0 outside the cell.
    public static func bit(dx: Int, dy: Int) -> UInt8 {
        guard (0..<2).contains(dx), (0..<4).contains(dy) else { return 0 }
        let left: [UInt8] = [0x01, 0x02, 0x04, 0x40]
        let right: [UInt8] = [0x08, 0x10, 0x20, 0x80]
        return dx == 0 ? left[dy] : right[dy]
    }

    /// The braille character for a bit pattern (`0` gives the blank pattern U+2800).
    public static func character(_ bits: UInt8) -> Character {
        Character(Unicode.Scalar(base + UInt32(bits))!)
    }
}
