import BNCore

extension GoldenFile {
    /// The most elements one tensor of a golden file may have (16 Mi floats, 64 MiB).
    public static let maxTensorElements = 1 << 24
    /// The most parameters one module of a golden file may have.
    public static let maxModuleParameters = 1 << 24

    /// Checks the file against its schema before anything is built: at least one case; every
    /// case of a known kind with what that kind compares (a case checking nothing is an error);
    /// every tensor's shape made of sizes ≥ 1 whose product matches its data and stays within
    /// ``maxTensorElements``; every module's sizes ≥ 1 (padding ≥ 0) and within
    /// ``maxModuleParameters``. Throws naming the case and field.
    public func validate(path: String) throws(GoldenFileError) {
        guard !cases.isEmpty else {
            throw GoldenFileError(path: path, reason: "has no cases ('cases' is empty): it would check nothing")
        }
        for (index, golden) in cases.enumerated() {
            do {
                try GoldenSchema.check(golden)
            } catch {
                let name = golden.name.isEmpty ? "" : " '\(golden.name)'"
                throw GoldenFileError(path: path, reason: "case \(index)\(name), field '\(error.field)': \(error.problem)")
            }
        }
    }
}
