/// An error raised by the core, worded exactly as PyTorch words it.
///
/// `kind` mirrors the Python exception class PyTorch raises, so a golden file's
/// `"ValueError: Expected more than 1 value per channel …"` can be compared in full.
public struct CoreError: Error, Equatable, CustomStringConvertible, Sendable {
    /// The Python exception class PyTorch raises for the same mistake.
    public enum Kind: String, Sendable {
        case valueError = "ValueError"
        case runtimeError = "RuntimeError"
        case indexError = "IndexError"
        case keyError = "KeyError"
        case zeroDivisionError = "ZeroDivisionError"
    }

    /// Which PyTorch exception this corresponds to.
    public let kind: Kind
    /// The message, identical to PyTorch's.
    public let message: String

    /// An error of the given kind.
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    /// A `ValueError`.
    public static func value(_ message: String) -> CoreError { CoreError(.valueError, message) }
    /// A `RuntimeError`.
    public static func runtime(_ message: String) -> CoreError { CoreError(.runtimeError, message) }

    /// `Kind: message`, as Python prints an exception.
    public var pythonDescription: String { "\(kind.rawValue): \(message)" }

    /// The message alone.
    public var description: String { message }
}
