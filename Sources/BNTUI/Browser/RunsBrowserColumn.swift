import Foundation

/// A column the runs browser sorts by (`o` cycles them, `O` reverses the order).
public enum RunsBrowserColumn: String, Sendable, CaseIterable {
    case started, experiment, run, status, epochs, accuracy, lr, batch, momentum, seed, subset

    /// The column's title in the browser.
    public var title: String {
        switch self {
        case .epochs: "ep"
        case .accuracy: "acc"
        case .momentum: "mom"
        case .subset: "data"
        default: rawValue
        }
    }

    /// The next column in the cycle.
    public var next: RunsBrowserColumn {
        let all = Self.allCases
        return all[(all.firstIndex(of: self)! + 1) % all.count]
    }

    /// Whether `a` comes before `b` in ascending order; missing values come last.
    func ascending(_ a: RunsBrowser.Entry, _ b: RunsBrowser.Entry) -> Bool {
        switch self {
        case .started: return a.started < b.started
        case .experiment: return a.experiment < b.experiment
        case .run: return a.name < b.name
        case .status: return a.status < b.status
        case .epochs: return a.epochs < b.epochs
        case .accuracy: return Self.less(a.finalAccuracy, b.finalAccuracy)
        case .lr: return Self.less(a.lr, b.lr)
        case .batch: return Self.less(a.batchSize.map(Double.init), b.batchSize.map(Double.init))
        case .momentum: return Self.less(a.momentum, b.momentum)
        case .seed: return a.seed < b.seed
        case .subset: return Self.less(a.context?.trainImages.map(Double.init), b.context?.trainImages.map(Double.init))
        }
    }

    private static func less(_ a: Double?, _ b: Double?) -> Bool {
        switch (a, b) {
        case let (x?, y?): return x < y
        case (_?, nil): return true
        default: return false
        }
    }
}
