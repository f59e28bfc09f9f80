import BNCore

/// A seeded mutation fuzzer in plain Swift, for machines without libFuzzer: it starts from a
/// corpus of valid and hostile inputs and applies random byte-level and token-level mutations
/// (bit flips, interesting numbers such as 2^63 − 1, −1, 1e308 and 0, repeated or deleted
/// chunks, splices of two inputs). The same seed gives the same sequence of inputs.
///
/// ```swift
/// var fuzzer = MutationFuzzer(corpus: seeds, seed: 1)
/// for _ in 0..<1000 { FuzzTarget.runFile.run(Data(fuzzer.next())) }
/// ```
public struct MutationFuzzer {
    /// The inputs mutations start from (never empty).
    public private(set) var corpus: [[UInt8]]
    private var generator: SplitMix64

    /// Tokens that often reach edge cases in numbers, JSON and YAML.
    static let tokens: [[UInt8]] = [
        "9223372036854775807", "-9223372036854775808", "4611686018427387904", "4294967296", "9007199254740993",
        "-1", "0", "1e308", "-1e308", "1e-308", "NaN", "Infinity", "-Infinity", "null", "true", "[]", "{}", "\"\"",
        "&a", "*a", "<<: *a", "[*a,*a,*a,*a]", "\u{FF}", "\u{1B}]0;x\u{07}", "\n", "\r\n", ",", ":", "- ",
    ].map { Array($0.utf8) }

    /// A fuzzer over `corpus` (an empty corpus starts from one empty input) drawing from `seed`.
    public init(corpus: [[UInt8]], seed: UInt64) {
        self.corpus = corpus.isEmpty ? [[]] : corpus
        generator = SplitMix64(seed: seed)
    }

    /// The next 64 random bits.
    mutating func random() -> UInt64 { generator.next() }

    /// A random integer in `0..<bound` (`bound` ≥ 1).
    mutating func below(_ bound: Int) -> Int { Int(random() % UInt64(max(bound, 1))) }

    /// The next input: a corpus entry with one to eight mutations, at most `maxLength` bytes.
    public mutating func next(maxLength: Int = 1 << 16) -> [UInt8] {
        var input = corpus[below(corpus.count)]
        for _ in 0...below(8) { mutate(&input) }
        return input.count > maxLength ? Array(input.prefix(maxLength)) : input
    }

    /// Keeps `input` for later mutations (e.g. one that reached a new error message).
    public mutating func add(_ input: [UInt8]) {
        corpus.append(input)
    }

    private mutating func mutate(_ input: inout [UInt8]) {
        let position = below(input.count + 1)
        switch below(8) {
        case 0 where !input.isEmpty:   // flip one bit
            input[min(position, input.count - 1)] ^= UInt8(1) << UInt8(below(8))
        case 1 where !input.isEmpty:   // a random byte
            input[min(position, input.count - 1)] = UInt8(truncatingIfNeeded: random())
        case 2:                        // insert an interesting token
            input.insert(contentsOf: Self.tokens[below(Self.tokens.count)], at: position)
        case 3:                        // replace the number at this place by an interesting token
            replaceNumber(&input, near: position)
        case 4 where !input.isEmpty:   // delete a chunk
            let end = min(input.count, position + 1 + below(64))
            if position < end { input.removeSubrange(position..<end) }
        case 5 where !input.isEmpty:   // repeat a chunk
            let start = min(position, input.count - 1), end = min(input.count, start + 1 + below(256))
            let chunk = input[start..<end]
            for _ in 0...below(4) { input.insert(contentsOf: chunk, at: start) }
        case 6:                        // splice with another corpus entry
            let other = corpus[below(corpus.count)]
            let cut = below(other.count + 1)
            input = Array(input.prefix(position)) + other.suffix(from: cut)
        default:                       // truncate
            input = Array(input.prefix(position))
        }
    }

    private mutating func replaceNumber(_ input: inout [UInt8], near position: Int) {
        let isDigit = { (b: UInt8) in (0x30...0x39).contains(b) || b == 0x2D || b == 0x2E || b == 0x65 }
        guard let start = input[min(position, input.count)...].firstIndex(where: { (0x30...0x39).contains($0) }) else {
            input.insert(contentsOf: Self.tokens[below(6)], at: position)
            return
        }
        var end = start
        while end < input.count && isDigit(input[end]) { end += 1 }
        input.replaceSubrange(start..<end, with: Self.tokens[below(14)])
    }
}
