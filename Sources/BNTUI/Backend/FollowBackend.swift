import BNLab
import Foundation

/// The backend of `bnlab watch`: follows run files that other programs are writing (the PyTorch
/// recorder, another bnlab) as they grow, and reports each as a live run.
///
/// A background queue polls the files' sizes about 4 times a second and reads only the bytes
/// added (complete lines; a partial last line waits for its newline). Files that appear in a
/// followed folder are picked up; an `end` event finishes a run; a run that has not grown for
/// ``stallAfter`` seconds without one is shown paused, as *stalled*, until it grows again. The
/// files of one data-parallel run (one per rank) are named by their rank, `bn r0`, `bn r1`, … (the
/// one naming rule, ``RunNaming``), so that the workbench compares them like replayed runs. Every run belongs to the one catalog entry
/// ``experimentID``, so all followed runs share the charts; runs of different experiments are
/// named `experiment/variant`.
///
/// ```swift
/// let backend = FollowBackend(paths: [URL(fileURLWithPath: "runs")])
/// backend.startPolling()                  // or call scan() yourself (tests)
/// let runs = backend.poll()               // [RunInfo] with the new events of each file
/// ```
public final class FollowBackend: WorkbenchBackend, @unchecked Sendable {
    /// One entry, ``experimentID``, holding every followed run.
    public let experiments: [ExperimentInfo]
    /// Seconds without growth (and without an `end`) after which a run is shown stalled.
    public let stallAfter: TimeInterval
    /// The folders and files followed.
    public let paths: [URL]

    private let lock = NSLock()
    /// Followed files by path, in the order they were found.
    private var files: [String: Followed] = [:]
    private var order: [String] = []
    private var timer: (any DispatchSourceTimer)?
    private let queue = DispatchQueue(label: "bnlab.follow", qos: .utility)

    /// A backend following `paths` (folders: every `*.jsonl` in them, now and later; files: those).
    /// Reads what the files hold already, so the first ``poll()`` shows them.
    public init(paths: [URL], stallAfter: TimeInterval = 30, now: Date = Date()) {
        self.paths = paths
        self.stallAfter = stallAfter
        var classNames: [String] = []
        var scanned: [String: Followed] = [:]
        var found: [String] = []
        for url in Self.runFiles(in: paths) {
            var followed = Followed(url: url, now: now)
            followed.take(followed.tail.read())
            followed.growth = RunGrowth(url: url, size: followed.tail.offset, now: now)
            scanned[url.path] = followed
            found.append(url.path)
            if classNames.isEmpty, let header = followed.tail.header { classNames = header.classNames }
        }
        files = scanned
        order = found
        let names = paths.map(\.lastPathComponent).joined(separator: ", ")
        experiments = [ExperimentInfo(id: Self.experimentID, title: "watching \(names)",
                                      summary: "run files other programs are writing, followed live",
                                      variants: [], classNames: classNames)]
    }

    /// The one catalog entry every followed run belongs to, so that the workbench draws them together.
    public static let experimentID = "watch"

    deinit { timer?.cancel() }

    /// Starts polling the files on a background queue every `interval` seconds.
    public func startPolling(interval: TimeInterval = 0.25) {
        let source = DispatchSource.makeTimerSource(queue: queue)
        source.schedule(deadline: .now() + interval, repeating: interval)
        source.setEventHandler { [weak self] in self?.scan() }
        source.resume()
        timer = source
    }

    /// Stops the background polling.
    public func stopPolling() {
        timer?.cancel()
        timer = nil
    }

    /// Follows files only: no training here.
    public var trains: Bool { false }

    /// Stops following when the workbench closes (the files are left as they are).
    public func shutdown() { stopPolling() }

    /// Looks for new files and reads what every unfinished file added. Called by the background
    /// timer; tests call it directly with their own clock.
    public func scan(now: Date = Date()) {
        let urls = Self.runFiles(in: paths)
        lock.lock()
        // Only scan changes tails (one scan at a time, on the queue); poll only drains `pending`.
        var tails = order.compactMap { path in files[path].flatMap { $0.end == nil ? $0.tail : nil } }
        let known = Set(order)
        lock.unlock()
        let added = urls.filter { !known.contains($0.path) }
        tails += added.map { Tail(url: $0) }
        var updates: [(tail: Tail, events: [RunEvent])] = []
        for var tail in tails {
            guard let size = tail.fileSize, size != tail.offset else { continue }
            let events = tail.read()
            updates.append((tail, events))
        }
        lock.lock()
        defer { lock.unlock() }
        for url in added where files[url.path] == nil {
            files[url.path] = Followed(url: url, now: now)
            order.append(url.path)
        }
        for (tail, events) in updates {
            guard var followed = files[tail.url.path] else { continue }
            followed.tail = tail
            followed.take(events)
            followed.growth.observe(size: tail.offset, now: now)
            files[tail.url.path] = followed
        }
    }

    /// Training is off here: always throws, saying what watch does.
    public func start(experimentID: String, variant: String?) throws {
        throw BackendError(message: "watching run files: training is off here (run \(experimentID) with `bnlab`)")
    }

    /// The followed programs cannot be cancelled from here.
    public func cancel(runID: String) {}
    /// Nothing to pause.
    public func pause(runID: String) {}
    /// Nothing to resume.
    public func resume(runID: String) {}

    /// Every followed file with a header, in the order found, with the events read since the last poll.
    public func poll() -> [RunInfo] {
        poll(now: Date())
    }

    /// ``poll()`` at a given time (for the stall rule).
    public func poll(now: Date) -> [RunInfo] {
        lock.lock()
        defer { lock.unlock() }
        let headers = order.compactMap { files[$0]?.tail.header }
        var infos: [RunInfo] = []
        for path in order {
            guard var followed = files[path] else { continue }
            let events = followed.pending
            followed.pending = []
            files[path] = followed
            if let problem = followed.tail.problem {
                // A file that cannot be followed is listed, failed, with the reason.
                var failed = RunInfo(id: followed.tail.url.lastPathComponent, experimentID: Self.experimentID,
                                     variant: followed.tail.header.map { Self.variantLabel($0, among: headers) }
                                         ?? followed.tail.url.lastPathComponent,
                                     state: .failed, message: problem, newEvents: events)
                failed.rank = followed.tail.header?.rank
                failed.group = followed.tail.header?.group
                infos.append(failed)
                continue
            }
            guard let header = followed.tail.header else { continue }
            infos.append(Self.info(followed, header: header, among: headers, events: events, now: now,
                                   stallAfter: stallAfter))
        }
        return infos
    }
}
