import Foundation

/// The four standard IDX files of an MNIST-style dataset, found in one folder.
///
/// Each file is looked up under its standard name, raw first, then with `.gz`
/// (`train-images-idx3-ubyte`, then `train-images-idx3-ubyte.gz`); the first entry that exists is
/// used, and it must be a regular file.
public struct IDXDatasetFiles: Sendable, Equatable {
    /// One of the four files.
    public enum Role: String, CaseIterable, Sendable {
        /// The training images, `train-images-idx3-ubyte[.gz]`.
        case trainImages = "train-images-idx3-ubyte"
        /// The training labels, `train-labels-idx1-ubyte[.gz]`.
        case trainLabels = "train-labels-idx1-ubyte"
        /// The test images, `t10k-images-idx3-ubyte[.gz]`.
        case testImages = "t10k-images-idx3-ubyte"
        /// The test labels, `t10k-labels-idx1-ubyte[.gz]`.
        case testLabels = "t10k-labels-idx1-ubyte"

        /// The standard file name, without `.gz`.
        public var standardName: String { rawValue }
        /// A short human name: `train images`, `test labels` ….
        public var displayName: String {
            switch self {
            case .trainImages: "train images"
            case .trainLabels: "train labels"
            case .testImages: "test images"
            case .testLabels: "test labels"
            }
        }
    }

    /// The folder searched.
    public let folder: URL
    /// The file found for each role.
    public let files: [Role: URL]

    /// The file found for `role`.
    public subscript(role: Role) -> URL { files[role] ?? folder.appendingPathComponent(role.standardName) }

    /// Finds the four files in `folder`, or throws naming the folder or the first missing file.
    public static func locate(in folder: URL) throws(DataError) -> IDXDatasetFiles {
        let manager = FileManager.default
        let getHelp = "install Fashion-MNIST with `apt-get install dataset-fashion-mnist`, or pass --data DIR "
            + "(or set BNLAB_DATA) to a folder holding the four IDX files (raw or .gz)"
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: folder.path, isDirectory: &isDirectory) else {
            throw DataError(.folderNotFound, path: folder.path, problem: "data folder not found", remedy: getHelp)
        }
        guard isDirectory.boolValue else {
            throw DataError(.notAFolder, path: folder.path, problem: "is not a folder", remedy: getHelp)
        }
        var files: [Role: URL] = [:]
        for role in Role.allCases {
            var found: URL?
            for name in [role.standardName, role.standardName + ".gz"] {
                let candidate = folder.appendingPathComponent(name)
                var candidateIsDirectory: ObjCBool = false
                guard manager.fileExists(atPath: candidate.path, isDirectory: &candidateIsDirectory) else { continue }
                guard !candidateIsDirectory.boolValue else {
                    throw DataError(.notAFile, path: candidate.path, problem: "is a directory, expected an IDX file",
                                    remedy: "put the IDX file there (raw or .gz), or pass --data DIR to use another folder")
                }
                found = candidate
                break
            }
            guard let found else {
                let present = ((try? manager.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
                let listing = present.isEmpty ? "the folder is empty"
                    : "the folder holds " + present.prefix(6).joined(separator: ", ")
                        + (present.count > 6 ? ", … (\(present.count) entries)" : "")
                throw DataError(.fileNotFound, path: folder.appendingPathComponent(role.standardName).path + "[.gz]",
                                problem: "file not found (\(listing))", remedy: getHelp)
            }
            files[role] = found
        }
        return IDXDatasetFiles(folder: folder, files: files)
    }
}
