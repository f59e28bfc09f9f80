import BNData
import Foundation
import Synchronization

/// Datasets loaded once per process and shared by every run (each holds one `UInt8` copy).
///
/// The first run that asks for a folder loads it; runs asking meanwhile wait for that load
/// instead of reading the files again.
public final class DatasetCache: Sendable {
    private let entries = Mutex<[String: Entry]>([:])

    private final class Entry: Sendable {
        let loaded = Mutex<Result<IDXDataset, DataError>?>(nil)
    }

    /// An empty cache.
    public init() {}

    /// The dataset in `folder`, loading it on first use. Errors are remembered too, so a broken
    /// folder is reported once per run without re-reading it.
    public func dataset(at folder: URL) throws(DataError) -> IDXDataset {
        let key = folder.standardizedFileURL.path
        let entry = entries.withLock { table in
            if let e = table[key] { return e }
            let e = Entry()
            table[key] = e
            return e
        }
        // Holding the entry's lock while loading makes concurrent callers wait for one load.
        let result = entry.loaded.withLock { slot -> Result<IDXDataset, DataError> in
            if let done = slot { return done }
            let r = Result { () throws(DataError) -> IDXDataset in try IDXDataset.load(from: folder) }
            slot = r
            return r
        }
        return try result.get()
    }
}
