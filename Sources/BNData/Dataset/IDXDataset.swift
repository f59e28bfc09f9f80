import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A whole MNIST-style dataset loaded from a folder of four IDX files: train and test splits,
/// class names, a fingerprint, and what was read.
///
/// ```swift
/// let folder = DataFolder.resolve(option: dataOption)      // --data, $BNLAB_DATA, default
/// let dataset = try IDXDataset.load(from: folder.url)
/// let loader = try BatchLoader(split: dataset.train, batchSize: 128, seed: 1,
///                              normalize: .fashionMNIST)
/// ```
public struct IDXDataset: Sendable {
    /// What was read from one file, and how long reading it took.
    public struct FileReport: Sendable {
        /// Which of the four files.
        public let role: IDXDatasetFiles.Role
        /// Path, compression and sizes.
        public let source: IDXSource
        /// The time spent opening, decompressing and checking it (wall clock).
        public let readDuration: Duration
        /// The processor time the reading thread spent on it (what the wall time would be on an
        /// idle machine).
        public let readCPUTime: Duration
    }

    /// The folder and the four files found in it.
    public let files: IDXDatasetFiles
    /// The training split.
    public let train: DatasetSplit
    /// The test split.
    public let test: DatasetSplit
    /// Fashion-MNIST or digits (see `DatasetKind` for the rule), unless class names were given.
    public let kind: DatasetKind
    /// The class names, by label.
    public let classNames: [String]
    /// 16 hex digits identifying the contents (see `DatasetFingerprint`).
    public let fingerprint: String
    /// One report per file, in the order train images, train labels, test images, test labels.
    public let fileReports: [FileReport]

    /// The data folder.
    public var folder: URL { files.folder }

    /// Loads the four IDX files of `folder` (raw or gzip) and checks them against each other.
    ///
    /// `classNames` overrides the detected names (labels must then be below its count).
    /// Throws a `DataError` naming the folder or file for every problem: missing, unreadable,
    /// wrong magic, truncated, corrupt gzip, image/label count mismatch, label out of range.
    public static func load(from folder: URL, classNames: [String]? = nil) throws(DataError) -> IDXDataset {
        let files = try IDXDatasetFiles.locate(in: folder)
        let (trainImages, trainLabels, testImages, testLabels, reports) = try readFiles(files)

        for (images, labels) in [(trainImages, trainLabels), (testImages, testLabels)]
        where images.count != labels.count {
            throw DataError(.countMismatch, path: labels.source.path,
                            problem: "count mismatch: \(labels.count) labels but \(images.source.fileName) "
                                + "has \(images.count) images",
                            remedy: "use image and label files of the same set, or " + DataError.replaceFileRemedy)
        }
        guard trainImages.rows == testImages.rows, trainImages.columns == testImages.columns else {
            throw DataError(.sizeMismatch, path: testImages.source.path,
                            problem: "image size mismatch: test images are \(testImages.rows)×\(testImages.columns) "
                                + "but train images are \(trainImages.rows)×\(trainImages.columns)",
                            remedy: "use train and test files of the same dataset")
        }
        guard trainImages.count > 0 else {
            throw DataError(.implausibleHeader, path: trainImages.source.path,
                            problem: "the training set has no images", remedy: DataError.replaceFileRemedy)
        }

        let kind = DatasetKind.detect(trainLabels: trainLabels.labels, testLabels: testLabels.labels, folder: folder)
        let names = classNames ?? kind.classNames
        guard !names.isEmpty, names.count <= 256 else {
            throw DataError.invalidArgument("\(names.count) class names given",
                                            remedy: "give between 1 and 256 class names")
        }
        for labels in [trainLabels, testLabels] {
            if let bad = labels.labels.firstIndex(where: { Int($0) >= names.count }) {
                throw DataError(.labelOutOfRange, path: labels.source.path,
                                problem: "label \(labels.labels[bad]) of sample \(bad) is out of range: the dataset has "
                                    + "\(names.count) classes (labels 0…\(names.count - 1))",
                                remedy: DataError.replaceFileRemedy)
            }
        }

        var fingerprint = DatasetFingerprint()
        fingerprint.combine(idxMagic: IDXReader.imageMagic,
                            dimensions: [trainImages.count, trainImages.rows, trainImages.columns],
                            data: trainImages.pixels)
        fingerprint.combine(idxMagic: IDXReader.labelMagic, dimensions: [trainLabels.count], data: trainLabels.labels)
        fingerprint.combine(idxMagic: IDXReader.imageMagic,
                            dimensions: [testImages.count, testImages.rows, testImages.columns],
                            data: testImages.pixels)
        fingerprint.combine(idxMagic: IDXReader.labelMagic, dimensions: [testLabels.count], data: testLabels.labels)

        let train = try DatasetSplit(name: "train", pixels: trainImages.pixels, labels: trainLabels.labels,
                                     height: trainImages.rows, width: trainImages.columns, classCount: names.count)
        let test = try DatasetSplit(name: "test", pixels: testImages.pixels, labels: testLabels.labels,
                                    height: testImages.rows, width: testImages.columns, classCount: names.count)
        return IDXDataset(files: files, train: train, test: test, kind: kind, classNames: names,
                          fingerprint: fingerprint.hex, fileReports: reports)
    }

    /// One file's contents, whichever kind it is.
    private enum FileContents: Sendable {
        /// An image file's contents.
        case images(IDXImages)
        /// A label file's contents.
        case labels(IDXLabels)
    }

    /// The results of the reading threads, one slot per file, written under a lock.
    private final class ReadSlots: @unchecked Sendable {
        private let lock = NSLock()
        private var slots: [IDXDatasetFiles.Role: (Result<FileContents, DataError>, FileReport?)] = [:]

        func store(_ role: IDXDatasetFiles.Role, _ result: Result<FileContents, DataError>, _ report: FileReport?) {
            lock.lock()
            slots[role] = (result, report)
            lock.unlock()
        }

        func take(_ role: IDXDatasetFiles.Role) -> (Result<FileContents, DataError>, FileReport?)? {
            lock.lock()
            defer { lock.unlock() }
            return slots[role]
        }
    }

    /// Reads the four files on two threads (train images alone on one, the rest on the other, so
    /// the total is about the time of the largest file), then reports the first error in the
    /// order train images, train labels, test images, test labels.
    private static func readFiles(_ files: IDXDatasetFiles) throws(DataError)
        -> (IDXImages, IDXLabels, IDXImages, IDXLabels, [FileReport]) {
        let lanes: [[IDXDatasetFiles.Role]] = [[.trainImages], [.trainLabels, .testImages, .testLabels]]
        let slots = ReadSlots()
        DispatchQueue.concurrentPerform(iterations: lanes.count) { lane in
            for role in lanes[lane] {
                let clock = ContinuousClock()
                let start = clock.now
                let cpuStart = threadCPUTime()
                let result: Result<FileContents, DataError>
                do throws(DataError) {
                    switch role {
                    case .trainImages, .testImages: result = .success(.images(try IDXReader.readImages(at: files[role])))
                    case .trainLabels, .testLabels: result = .success(.labels(try IDXReader.readLabels(at: files[role])))
                    }
                } catch {
                    result = .failure(error)
                }
                let report: FileReport? = switch result {
                case .success(.images(let images)):
                    FileReport(role: role, source: images.source, readDuration: clock.now - start,
                               readCPUTime: threadCPUTime() - cpuStart)
                case .success(.labels(let labels)):
                    FileReport(role: role, source: labels.source, readDuration: clock.now - start,
                               readCPUTime: threadCPUTime() - cpuStart)
                case .failure: nil
                }
                slots.store(role, result, report)
            }
        }
        var images: [IDXDatasetFiles.Role: IDXImages] = [:]
        var labels: [IDXDatasetFiles.Role: IDXLabels] = [:]
        var reports: [FileReport] = []
        for role in IDXDatasetFiles.Role.allCases {
            guard let (result, report) = slots.take(role) else {
                throw DataError(.unreadable, path: files[role].path, problem: "the file was not read",
                                remedy: "try again")
            }
            switch result {
            case .failure(let error): throw error
            case .success(.images(let value)): images[role] = value
            case .success(.labels(let value)): labels[role] = value
            }
            if let report { reports.append(report) }
        }
        guard let trainImages = images[.trainImages], let trainLabels = labels[.trainLabels],
              let testImages = images[.testImages], let testLabels = labels[.testLabels] else {
            throw DataError(.unreadable, path: files.folder.path, problem: "the files were not all read",
                            remedy: "try again")
        }
        return (trainImages, trainLabels, testImages, testLabels, reports)
    }

    /// The processor time used so far by the calling thread.
    private static func threadCPUTime() -> Duration {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return .seconds(time.tv_sec) + .nanoseconds(time.tv_nsec)
    }
}
