import Foundation

/// The contents of a safetensors file: named tensors and string metadata.
///
/// Layout (the format of Hugging Face's `safetensors`, which PyTorch loads with
/// `safetensors.torch.load_file`):
/// ```
/// [8 bytes: header length N, little-endian u64]
/// [N bytes: JSON {"name": {"dtype": "F32", "shape": [2, 3], "data_offsets": [begin, end]}, …,
///                 "__metadata__": {"key": "value"}}, padded with spaces]
/// [data: the tensors' raw little-endian bytes, back to back; offsets count from here]
/// ```
public struct SafeTensorsFile: Equatable, Sendable {
    /// The tensors, in the order their data is laid out.
    public var tensors: [(name: String, value: SafeTensorsValue)]
    /// The `__metadata__` entries.
    public var metadata: [String: String]

    /// The largest header bnlab reads (the `safetensors` library's own limit).
    public static let maxHeaderBytes = 100_000_000
    /// The metadata key of the header; no tensor may be named so.
    public static let metadataKey = "__metadata__"

    /// A file of `tensors` and `metadata`.
    public init(tensors: [(name: String, value: SafeTensorsValue)] = [], metadata: [String: String] = [:]) {
        self.tensors = tensors
        self.metadata = metadata
    }

    /// The tensor named `name`, if any.
    public subscript(name: String) -> SafeTensorsValue? {
        tensors.first { $0.name == name }?.value
    }

    public static func == (a: SafeTensorsFile, b: SafeTensorsFile) -> Bool {
        a.metadata == b.metadata && a.tensors.count == b.tensors.count
            && zip(a.tensors, b.tensors).allSatisfy { $0.name == $1.name && $0.value == $1.value }
    }

    /// Reads and validates the file at `url`.
    public static func read(_ url: URL) throws(SafeTensorsError) -> SafeTensorsFile {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw SafeTensorsError(file: url.lastPathComponent,
                                   problem: "cannot be read (\(FileProblem.describe(error)))",
                                   hint: "check the path and the file's permissions")
        }
        return try SafeTensorsFile(decoding: data, file: url.lastPathComponent)
    }

    /// Writes the file to `url` (replacing it atomically).
    public func write(_ url: URL) throws(SafeTensorsError) {
        let bytes = try encoded(file: url.lastPathComponent)
        do { try bytes.write(to: url, options: .atomic) } catch {
            throw SafeTensorsError(file: url.lastPathComponent,
                                   problem: "cannot be written (\(FileProblem.describe(error)))",
                                   hint: "check that the folder exists and is writable")
        }
    }
}
