import BNCore
import Foundation

extension SplitMix64 {
    /// A standard normal sample (Box–Muller: `√(−2 ln u₁) · cos 2πu₂`), for the demo runs.
    mutating func gaussian() -> Double {
        let u1 = max(Double.leastNonzeroMagnitude, Double.random(in: 0..<1, using: &self))
        let u2 = Double.random(in: 0..<1, using: &self)
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }
}
