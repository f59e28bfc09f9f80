import Foundation

/// What the runs browser's `/` filter keeps: every space-separated term must match. A plain term
/// matches experiment, run name, variant or status (case-insensitive, part of the text); a
/// `key=value` term compares one field: `lr=0.1`, `batch=64`, `momentum=0.9`, `seed=2`,
/// `subset=1000` (training images; `subset=full`), `epochs=10` (planned), and `experiment=`,
/// `variant=`, `status=` (whole text).
///
/// ```swift
/// RunsBrowserFilter("bn lr=0.1").matches(entry)
/// ```
public struct RunsBrowserFilter: Sendable, Equatable {
    /// The text typed.
    public var text: String

    /// A filter of `text`.
    public init(_ text: String) { self.text = text }

    /// Whether `entry` passes every term.
    public func matches(_ entry: RunsBrowser.Entry) -> Bool {
        text.split(separator: " ").allSatisfy { term in
            if let eq = term.firstIndex(of: "=") {
                return Self.field(String(term[..<eq]).lowercased(), String(term[term.index(after: eq)...]), entry)
            }
            let needle = term.lowercased()
            return [entry.experiment, entry.name, entry.variant, entry.status].contains { $0.lowercased().contains(needle) }
        }
    }

    /// Whether field `key` of `entry` equals `value`; an unknown key matches nothing.
    private static func field(_ key: String, _ value: String, _ entry: RunsBrowser.Entry) -> Bool {
        func number(_ x: Double?) -> Bool {
            guard let x, let wanted = Double(value) else { return false }
            return abs(x - wanted) <= 1e-12 * max(1, abs(wanted))
        }
        switch key {
        case "lr": return number(entry.lr)
        case "batch", "batch_size": return number(entry.batchSize.map(Double.init))
        case "momentum": return number(entry.momentum)
        case "seed": return number(Double(entry.seed))
        case "subset", "train":
            if value.lowercased() == "full" { return entry.context.map { !$0.isSubset } ?? false }
            return number(entry.context?.trainImages.map(Double.init))
        case "epochs": return number(entry.context.map { Double($0.epochs) })
        case "experiment": return entry.experiment.lowercased() == value.lowercased()
        case "variant": return entry.variant.lowercased() == value.lowercased()
        case "status": return entry.status.lowercased() == value.lowercased()
        default: return false
        }
    }
}
