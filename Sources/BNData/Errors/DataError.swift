/// An error about a dataset: which file or folder, what is wrong with it, and what to do.
///
/// The `description` is a single line, `PATH: PROBLEM; REMEDY`, ready to print as is:
///
/// ```
/// /data/train-images-idx3-ubyte.gz: truncated: the header announces 60000 images of 28×28 …; re-download …
/// ```
public struct DataError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What kind of problem this is, for callers and tests that branch on it.
    public enum Kind: String, Sendable {
        /// The data folder does not exist.
        case folderNotFound
        /// The data folder path names something that is not a folder.
        case notAFolder
        /// One of the standard files is missing from the folder.
        case fileNotFound
        /// A directory (or other non-regular entry) stands where a file should be.
        case notAFile
        /// The file exists but cannot be opened or read.
        case unreadable
        /// The file has zero bytes.
        case emptyFile
        /// The file does not start with the expected IDX magic number.
        case wrongMagic
        /// The file holds fewer bytes than its header announces.
        case truncated
        /// The file holds more bytes than its header announces.
        case trailingBytes
        /// The header announces sizes that cannot be right (overflow, absurdly large, zero-sized images).
        case implausibleHeader
        /// The gzip stream is damaged (bad header, bad deflate data, bad checksum).
        case corruptGzip
        /// The image and label files of a split disagree on the number of samples.
        case countMismatch
        /// The train and test images do not have the same size.
        case sizeMismatch
        /// A label is not below the number of classes.
        case labelOutOfRange
        /// A function was called with arguments it cannot use (batch size 0, wrong channel count …).
        case invalidArgument
    }

    /// What kind of problem this is.
    public let kind: Kind
    /// The file or folder concerned, as given; `nil` for errors not about a file.
    public let path: String?
    /// What is wrong, e.g. `truncated: the header announces 60000 labels but the file holds 12`.
    public let problem: String
    /// What to do about it, e.g. `re-download the file or pass --data DIR`.
    public let remedy: String

    /// An error about `path` (a file or folder), or about no file when `path` is `nil`.
    public init(_ kind: Kind, path: String?, problem: String, remedy: String) {
        self.kind = kind
        self.path = path
        self.problem = problem
        self.remedy = remedy
    }

    /// An `invalidArgument` error not tied to any file.
    public static func invalidArgument(_ problem: String, remedy: String) -> DataError {
        DataError(.invalidArgument, path: nil, problem: problem, remedy: remedy)
    }

    /// The one-line message: `PATH: PROBLEM; REMEDY` (without `PATH: ` when there is no file).
    public var message: String {
        (path.map { "\($0): " } ?? "") + problem + "; " + remedy
    }

    /// Same as `message`.
    public var description: String { message }
}

extension DataError {
    /// The advice given for a damaged standard file.
    static let replaceFileRemedy =
        "replace the file (for the default folder: apt-get install --reinstall dataset-fashion-mnist), "
        + "or pass --data DIR (or set BNLAB_DATA) to use another folder"
}
