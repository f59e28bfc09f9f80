/// Formats `x` the way Python's `repr(float)` (and `str(float)`, `f"{x}"`) prints it, so that
/// messages quoting a hyperparameter read exactly like PyTorch's.
///
/// Python prints the shortest decimal that round-trips (as Swift does), with a fractional part
/// when written in positional form (`2.0`), and switches to exponent form when the decimal
/// exponent is below -4 or at least 16, with a signed two-digit exponent (`1e-05`, `1e+16`).
/// Swift's own `description` differs from Python above 2^53 (`9.1e+15` against Python's
/// `9100000000000000.0`), so the digits are re-laid out here.
///
/// ```swift
/// pythonFloat(1.1)    // "1.1"
/// pythonFloat(2)      // "2.0"
/// pythonFloat(1e-5)   // "1e-05"
/// pythonFloat(1e16)   // "1e+16"
/// ```
public func pythonFloat(_ x: Double) -> String {
    if x.isNaN { return "nan" }
    if x.isInfinite { return x < 0 ? "-inf" : "inf" }
    let sign = x.sign == .minus ? "-" : ""
    // Shortest round-trip digits from Swift, as (digits, decimal point position):
    // value = 0.d1d2d3… × 10^point.
    let text = abs(x).description
    let parts = text.split(separator: "e", maxSplits: 1)
    let mantissa = parts[0]
    let exponent = parts.count > 1 ? Int(parts[1])! : 0
    let dot = mantissa.firstIndex(of: ".")
    let integerPart = dot.map { mantissa[..<$0] } ?? mantissa[...]
    let fractionPart = dot.map { mantissa[mantissa.index(after: $0)...] } ?? ""
    var digits = Array(integerPart + fractionPart)
    var point = integerPart.count + exponent
    while let first = digits.first, first == "0" {
        digits.removeFirst()
        point -= 1
    }
    while let last = digits.last, last == "0" { digits.removeLast() }
    if digits.isEmpty { return sign + "0.0" }

    if point > -4 && point <= 16 {
        // Positional form, always with a fractional part.
        if point <= 0 {
            return sign + "0." + String(repeating: "0", count: -point) + String(digits)
        }
        if point >= digits.count {
            return sign + String(digits) + String(repeating: "0", count: point - digits.count) + ".0"
        }
        return sign + String(digits[..<point]) + "." + String(digits[point...])
    }
    // Exponent form: d[.ddd]e±XX.
    let e = point - 1
    let head = String(digits[0]) + (digits.count > 1 ? "." + String(digits[1...]) : "")
    let magnitude = String(abs(e))
    return sign + head + "e" + (e < 0 ? "-" : "+") + (magnitude.count < 2 ? "0" : "") + magnitude
}
