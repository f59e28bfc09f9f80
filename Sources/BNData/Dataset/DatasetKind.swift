import Foundation

/// Which dataset a folder holds, as far as class names go: Fashion-MNIST, or digits 0–9.
///
/// Detection rule (`detect`), first match wins:
/// 1. the first 16 training labels, or the first 16 test labels, equal Fashion-MNIST's
///    (`9 0 0 3 0 2 7 2 5 5 0 9 5 5 7 9` and `9 2 1 1 6 1 4 6 5 7 4 5 7 3 4 1`) → Fashion-MNIST;
/// 2. they equal MNIST's (`5 0 4 1 9 2 1 3 1 4 3 5 3 6 1 7`, `7 2 1 0 4 1 4 9 5 9 0 6 9 0 1 5`) → digits;
/// 3. the folder's name contains `fashion` (any case) → Fashion-MNIST;
/// 4. otherwise → digits.
///
/// Subsets that keep the original order (such as the first N per class) keep these prefixes.
public enum DatasetKind: String, Sendable, CaseIterable {
    /// Zalando's Fashion-MNIST: ten kinds of clothing.
    case fashionMNIST = "Fashion-MNIST"
    /// Any other set: classes named by their digit, `0` to `9`.
    case digits = "digits"

    /// Fashion-MNIST's class names, by label.
    public static let fashionMNISTClassNames = [
        "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
        "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot",
    ]
    /// Digit class names `0` … `9`.
    public static let digitClassNames = (0..<10).map { String($0) }

    /// The ten class names of this kind, by label.
    public var classNames: [String] {
        switch self {
        case .fashionMNIST: Self.fashionMNISTClassNames
        case .digits: Self.digitClassNames
        }
    }

    /// The first 16 labels of Fashion-MNIST's training and test files.
    static let fashionPrefixes: [[UInt8]] = [
        [9, 0, 0, 3, 0, 2, 7, 2, 5, 5, 0, 9, 5, 5, 7, 9],
        [9, 2, 1, 1, 6, 1, 4, 6, 5, 7, 4, 5, 7, 3, 4, 1],
    ]
    /// The first 16 labels of MNIST's training and test files.
    static let mnistPrefixes: [[UInt8]] = [
        [5, 0, 4, 1, 9, 2, 1, 3, 1, 4, 3, 5, 3, 6, 1, 7],
        [7, 2, 1, 0, 4, 1, 4, 9, 5, 9, 0, 6, 9, 0, 1, 5],
    ]

    /// Detects the kind from the label files and the folder's name (rule in the type's summary).
    public static func detect(trainLabels: [UInt8], testLabels: [UInt8], folder: URL) -> DatasetKind {
        let prefixes = [Array(trainLabels.prefix(16)), Array(testLabels.prefix(16))]
        if zip(prefixes, fashionPrefixes).contains(where: { $0 == $1 }) { return .fashionMNIST }
        if zip(prefixes, mnistPrefixes).contains(where: { $0 == $1 }) { return .digits }
        if folder.lastPathComponent.lowercased().contains("fashion") { return .fashionMNIST }
        return .digits
    }
}
