/// A short, stable hex fingerprint of a dataset's contents, for run-file headers.
///
/// FNV-1a (64-bit: offset basis 0xcbf29ce484222325, prime 0x100000001b3) over, for each of the
/// four files in the order train images, train labels, test images, test labels: the magic
/// number and each size as one 64-bit word each, then the decompressed data taken as 64-bit
/// little-endian words (the last 0–7 bytes one by one). Word steps make it ~8× faster than
/// byte-wise FNV-1a over the 55 MB of Fashion-MNIST; the value depends only on the decompressed
/// contents, so a raw copy and a gzip copy of the same data have the same fingerprint.
///
///     h = 0xcbf29ce484222325;  for each word w:  h = (h XOR w) · 0x100000001b3  (mod 2⁶⁴)
public struct DatasetFingerprint: Sendable {
    /// FNV-1a's 64-bit offset basis.
    static let offsetBasis: UInt64 = 0xCBF2_9CE4_8422_2325
    /// FNV-1a's 64-bit prime.
    static let prime: UInt64 = 0x0000_0100_0000_01B3

    /// The running hash.
    public private(set) var value: UInt64 = DatasetFingerprint.offsetBasis

    /// An empty fingerprint (FNV-1a's offset basis).
    public init() {}

    /// Mixes one 64-bit word: h = (h ⊕ w) · prime.
    public mutating func combine(word: UInt64) {
        value = (value ^ word) &* Self.prime
    }

    /// Mixes bytes, 8 at a time as little-endian words, the rest one at a time.
    public mutating func combine(bytes: [UInt8]) {
        var h = value
        bytes.withUnsafeBytes { raw in
            let words = raw.count / 8
            for i in 0..<words {
                let w = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 8 * i, as: UInt64.self))
                h = (h ^ w) &* Self.prime
            }
            for i in (8 * words)..<raw.count {
                h = (h ^ UInt64(raw[i])) &* Self.prime
            }
        }
        value = h
    }

    /// Mixes an IDX file: magic, sizes, then data.
    public mutating func combine(idxMagic magic: UInt32, dimensions: [Int], data: [UInt8]) {
        combine(word: UInt64(magic))
        for d in dimensions { combine(word: UInt64(truncatingIfNeeded: d)) }
        combine(bytes: data)
    }

    /// The fingerprint as 16 lowercase hex digits.
    public var hex: String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
