/// A safetensors file that cannot be read or written, naming the file, the tensor or header
/// field at fault, and what to do.
public struct SafeTensorsError: Error, Equatable, CustomStringConvertible, Sendable {
    /// The file's name (no folder), or `<memory>` for bytes not read from a file.
    public var file: String
    /// The tensor key or header field at fault, when one is.
    public var key: String?
    /// What is wrong.
    public var problem: String
    /// What to do about it.
    public var hint: String

    /// An error about `file` (and `key`, when given).
    public init(file: String, key: String? = nil, problem: String,
                hint: String = "write the file with bnlab or safetensors.torch.save_file") {
        self.file = file
        self.key = key
        self.problem = problem
        self.hint = hint
    }

    /// `model.safetensors: tensor "0.weight": data_offsets end 4096 beyond the data (2048 bytes); write …`.
    public var description: String {
        let place = key.map { "\(file): \($0): " } ?? "\(file): "
        return place + problem + "; " + hint
    }
}
