import Foundation

/// What a job gets to talk to its queue: report progress, publish events, and stop when asked.
///
/// ```swift
/// try control.checkpoint()    // call often, e.g. before every step: pauses and cancels happen here
/// try control.publish(.step(StepEvent(step: 12, epoch: 1, loss: 0.8, lr: 0.01, samples: 768)))
/// control.reportProgress(epoch: 1, totalEpochs: 10, step: 12, totalSteps: 9380, samples: 768)
/// ```
public final class RunControl: @unchecked Sendable {
    // @unchecked Sendable: `writer` is only touched while holding `writerLock`; everything else
    // is immutable or lives in the queue behind the queue's own lock.

    /// The run's id in its queue.
    public let id: RunID
    /// The name the run was enqueued with.
    public let name: String

    private let queue: RunQueue
    private let writerLock = NSLock()
    private var writer: RunWriter?

    init(queue: RunQueue, id: RunID, name: String, writer: RunWriter?) {
        self.queue = queue
        self.id = id
        self.name = name
        self.writer = writer
    }

    /// The run file being written, if the run has one.
    public var runFileURL: URL? {
        writerLock.lock()
        defer { writerLock.unlock() }
        return writer?.url
    }

    /// Throws ``RunCancelled`` if the run was cancelled; while the run is paused, blocks (on a
    /// condition variable) until it is resumed or cancelled.
    public func checkpoint() throws(RunCancelled) {
        try queue.checkpoint(id)
    }

    /// True once the run was cancelled (for jobs that prefer to check rather than throw).
    public var isCancelled: Bool { queue.isCancelled(id) }

    /// Sends an event to the UI's mailbox and appends it to the run file (`progress` events go
    /// to the mailbox only). `end` events are ignored: the queue writes the end itself.
    ///
    /// Throws if the run file cannot be written; the event still reaches the mailbox.
    public func publish(_ event: RunEvent) throws(RunFileError) {
        if case .end = event { return }
        queue.deliver(event, to: id)
        writerLock.lock()
        defer { writerLock.unlock() }
        do {
            try writer?.append(event)
        } catch {
            queue.note(error.description, for: id)
            throw error
        }
    }

    /// Seconds since the run started, pauses excluded: the `time` of step events.
    public var activeSeconds: Double { queue.activeSeconds(id) }

    /// Reports where the run is; the queue computes samples/s and the ETA from the time the
    /// run has been active (pauses excluded). Shown in ``RunQueue/snapshot()``; not written.
    public func reportProgress(epoch: Int, totalEpochs: Int, step: Int, totalSteps: Int, samples: Int, phase: String? = nil) {
        queue.report(id, epoch: epoch, totalEpochs: totalEpochs, step: step, totalSteps: totalSteps, samples: samples, phase: phase)
    }

    /// Writes the end event and closes the file; returns a description of any problem.
    func writeEnd(_ end: EndEvent) -> String? {
        writerLock.lock()
        defer { writerLock.unlock() }
        guard let writer, !writer.isFinished else { return nil }
        do {
            try writer.finish(end)
            return nil
        } catch {
            return error.description
        }
    }
}
