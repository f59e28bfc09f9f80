import BNCore
import BNData
import Foundation

/// The work of one run: called on the run's own thread with its ``RunControl``.
public typealias RunJob = @Sendable (RunControl) throws -> RunOutcome

/// Creates the run's file when the run starts (so runs cancelled while queued leave no file).
public typealias RunWriterFactory = @Sendable () throws -> RunWriter

/// Runs jobs in the background, at most ``maxConcurrentRuns`` at once, each on its own thread.
///
/// The queue owns the life of every run: it starts queued runs as slots free up, creates each
/// run's file, forwards published events to the file and to a mailbox the UI reads, writes the
/// end event, and records the final state. Every method can be called from any thread; none
/// waits for a job except the `wait…` methods.
///
/// ```swift
/// let queue = RunQueue()
/// let id = queue.enqueue(name: plan.name, writer: { try RunWriter(runsFolder: runs, header: header) }) { control in
///     for step in 1...totalSteps {
///         try control.checkpoint()                   // stops here when paused or cancelled
///         let loss = trainOneStep()
///         if !loss.isFinite { return .diverged("loss became \(loss) at step \(step)") }
///         try control.publish(.step(StepEvent(step: step, epoch: 1, loss: loss, lr: 0.01, samples: step * 64)))
///         control.reportProgress(epoch: 1, totalEpochs: 1, step: step, totalSteps: totalSteps, samples: step * 64)
///     }
///     return .done
/// }
/// queue.pause(id); queue.resume(id)
/// let rows = queue.snapshot()          // for the UI, at any moment
/// let new = queue.takeEvents(id)       // events since the last call
/// ```
///
/// Pausing takes effect at the job's next ``RunControl/checkpoint()``, which then waits on a
/// condition variable (no polling) until the run is resumed or cancelled. A paused run keeps
/// its slot.
public final class RunQueue: @unchecked Sendable {
    // @unchecked Sendable: every stored `var` below, and every `Entry`'s fields, are read and
    // written only while holding `lock`. The lets are immutable.

    /// How many runs may be running (or paused) at once.
    public let maxConcurrentRuns: Int
    /// How many of each run's most recent events ``latestEvents(_:)`` keeps.
    public let recentEventLimit: Int
    /// How many unread events each run's mailbox holds before dropping the oldest.
    public let mailboxLimit: Int

    /// Guards all mutable state; its condition is signalled on every change.
    private let lock = NSCondition()
    private var entries: [RunID: Entry] = [:]
    private var order: [RunID] = []
    private var waiting: [RunID] = []
    private var activeCount = 0
    private var nextID = 1
    private let clock = ContinuousClock()

    /// A queue running at most `maxConcurrentRuns` jobs at once (by default one per core).
    public init(maxConcurrentRuns: Int = ProcessInfo.processInfo.activeProcessorCount, recentEventLimit: Int = 512,
                mailboxLimit: Int = 100_000) {
        self.maxConcurrentRuns = max(1, maxConcurrentRuns)
        self.recentEventLimit = max(1, recentEventLimit)
        self.mailboxLimit = max(1, mailboxLimit)
    }

    // MARK: - Commands

    /// Adds a run; it starts as soon as a slot is free. `writer`, if given, is called when the
    /// run starts, on the run's thread, to create its run file.
    @discardableResult
    public func enqueue(name: String, writer: RunWriterFactory? = nil, job: @escaping RunJob) -> RunID {
        lock.lock()
        defer { lock.unlock() }
        let id = RunID(rawValue: nextID)
        nextID += 1
        entries[id] = Entry(id: id, name: name, job: job, makeWriter: writer)
        order.append(id)
        waiting.append(id)
        startWaitingRuns()
        lock.broadcast()
        return id
    }

    /// Cancels a run: a queued one at once (its job never runs), a running or paused one at its
    /// job's next checkpoint. Returns false if the run is unknown or already finished.
    @discardableResult
    public func cancel(_ id: RunID) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        return cancelLocked(id)
    }

    /// Cancels every run that has not finished.
    public func cancelAll() {
        lock.lock()
        defer { lock.unlock() }
        for id in order { _ = cancelLocked(id) }
    }

    /// Pauses a running run: its job stops at the next checkpoint until ``resume(_:)``.
    /// Returns false unless the run is running (queued runs cannot be paused).
    @discardableResult
    public func pause(_ id: RunID) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        guard let entry = entries[id], entry.state == .running, !entry.cancelRequested else { return false }
        entry.state = .paused
        entry.pausedAt = clock.now
        lock.broadcast()
        return true
    }

    /// Resumes a paused run. Returns false unless the run is paused.
    @discardableResult
    public func resume(_ id: RunID) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        guard let entry = entries[id], entry.state == .paused else { return false }
        entry.state = .running
        if let pausedAt = entry.pausedAt { entry.pausedTotal += clock.now - pausedAt }
        entry.pausedAt = nil
        lock.broadcast()
        return true
    }

    /// Forgets every finished run (their events included).
    public func removeFinished() {
        lock.lock()
        defer { lock.unlock() }
        let finished = Set(order.filter { entries[$0]?.state.isFinished == true })
        order.removeAll { finished.contains($0) }
        for id in finished { entries[id] = nil }
    }

    // MARK: - Reading

    /// Every run's status, in enqueue order. Cheap, and never waits for a job.
    public func snapshot() -> [RunStatus] {
        lock.lock()
        defer { lock.unlock() }
        return order.compactMap { entries[$0]?.status }
    }

    /// One run's status, nil if unknown.
    public func status(of id: RunID) -> RunStatus? {
        lock.lock()
        defer { lock.unlock() }
        return entries[id]?.status
    }

    /// The run's most recent events (up to ``recentEventLimit``), oldest first; reading does
    /// not remove them.
    public func latestEvents(_ id: RunID) -> [RunEvent] {
        lock.lock()
        defer { lock.unlock() }
        return entries[id]?.recent ?? []
    }

    /// The run's events published since the previous call (the mailbox), oldest first.
    public func takeEvents(_ id: RunID) -> [RunEvent] {
        lock.lock()
        defer { lock.unlock() }
        guard let entry = entries[id] else { return [] }
        defer { entry.mailbox.removeAll(keepingCapacity: true) }
        return entry.mailbox
    }

    // MARK: - Waiting

    /// Blocks until no run is queued, running or paused. (A paused run keeps it waiting.)
    public func waitUntilIdle() {
        lock.lock()
        defer { lock.unlock() }
        while !waiting.isEmpty || activeCount > 0 { lock.wait() }
    }

    /// Blocks until the run has finished, and returns its final status (nil if unknown).
    @discardableResult
    public func wait(for id: RunID) -> RunStatus? {
        wait(for: id) { $0.state.isFinished }
    }

    /// Blocks until `condition` holds for the run's status, and returns that status (nil if the
    /// run is unknown). `condition` runs with the queue locked: it must not call the queue.
    @discardableResult
    public func wait(for id: RunID, until condition: (RunStatus) -> Bool) -> RunStatus? {
        lock.lock()
        defer { lock.unlock() }
        while let entry = entries[id] {
            let status = entry.status
            if condition(status) { return status }
            lock.wait()
        }
        return nil
    }

    // MARK: - Internals used by RunControl (all take the lock themselves)

    /// Throws if cancelled; while paused, waits until resumed or cancelled.
    func checkpoint(_ id: RunID) throws(RunCancelled) {
        lock.lock()
        defer { lock.unlock() }
        guard let entry = entries[id] else { return }
        while entry.state == .paused && !entry.cancelRequested {
            if !entry.held {
                entry.held = true
                lock.broadcast()
            }
            lock.wait()
        }
        if entry.held {
            entry.held = false
            lock.broadcast()
        }
        if entry.cancelRequested { throw RunCancelled() }
    }

    /// True once the run was cancelled.
    func isCancelled(_ id: RunID) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        return entries[id]?.cancelRequested ?? false
    }

    /// Puts an event in the run's recent list and mailbox.
    func deliver(_ event: RunEvent, to id: RunID) {
        lock.lock()
        defer { lock.unlock() }
        guard let entry = entries[id] else { return }
        entry.record(event, recentLimit: recentEventLimit, mailboxLimit: mailboxLimit)
        if case .progress(let progress) = event { entry.progress = progress }
        lock.broadcast()
    }

    /// Seconds the run has been active since it started, pauses excluded (0 before it starts).
    func activeSeconds(_ id: RunID) -> Double {
        lock.lock()
        defer { lock.unlock() }
        return entries[id]?.activeSeconds(now: clock.now) ?? 0
    }

    /// Stores a progress report, computing throughput and ETA from the run's active time.
    func report(_ id: RunID, epoch: Int, totalEpochs: Int, step: Int, totalSteps: Int, samples: Int, phase: String?) {
        lock.lock()
        defer { lock.unlock() }
        guard let entry = entries[id] else { return }
        let progress = RunProgress.estimate(epoch: epoch, totalEpochs: totalEpochs, step: step, totalSteps: totalSteps,
                                            samples: samples, elapsedSeconds: entry.activeSeconds(now: clock.now), phase: phase)
        entry.progress = progress
        entry.lastStep = max(entry.lastStep, step)
        lock.broadcast()
    }

    /// Notes a problem (such as a failed file write) without ending the run.
    func note(_ message: String, for id: RunID) {
        lock.lock()
        defer { lock.unlock() }
        entries[id]?.lastError = message
        lock.broadcast()
    }

    // MARK: - Scheduling (lock held)

    private func cancelLocked(_ id: RunID) -> Bool {
        guard let entry = entries[id], !entry.state.isFinished else { return false }
        if entry.state == .queued {
            waiting.removeAll { $0 == id }
            entry.state = .cancelled
            entry.record(.end(EndEvent(status: .cancelled, step: 0, message: "cancelled before it started")),
                         recentLimit: recentEventLimit, mailboxLimit: mailboxLimit)
        } else {
            entry.cancelRequested = true
        }
        lock.broadcast()
        return true
    }

    /// Starts queued runs while slots are free.
    private func startWaitingRuns() {
        while activeCount < maxConcurrentRuns, !waiting.isEmpty {
            let id = waiting.removeFirst()
            guard let entry = entries[id] else { continue }
            entry.state = .running
            entry.started = clock.now
            activeCount += 1
            let thread = Thread { [self] in execute(id) }
            thread.name = "bnlab run \(id): \(entry.name)"
            thread.start()
        }
    }

    // MARK: - One run, on its own thread

    private func execute(_ id: RunID) {
        lock.lock()
        let entry = entries[id]
        let job = entry?.job
        let makeWriter = entry?.makeWriter
        let name = entry?.name ?? ""
        lock.unlock()
        guard let job else { return }

        var writer: RunWriter?
        if let makeWriter {
            do {
                writer = try makeWriter()
            } catch {
                // The factory reads the data before it creates the file: say which failed.
                let what = error is DataError ? "could not read the data: \(error)" : "could not create the run file: \(error)"
                finish(id, state: .failed, message: what, control: nil)
                return
            }
        }
        let control = RunControl(queue: self, id: id, name: name, writer: writer)
        if let url = writer?.url {
            lock.lock()
            entries[id]?.runFile = url
            lock.unlock()
        }

        let state: RunState
        var message: String?
        do {
            switch try job(control) {
            case .done:
                state = .done
            case .diverged(let reason):
                state = .diverged
                message = reason
            case .failed(let reason):
                state = .failed
                message = reason
            }
        } catch is RunCancelled {
            state = .cancelled
        } catch {
            state = .failed
            message = "\(error)"
        }
        finish(id, state: state, message: message, control: control)
    }

    /// Writes the end event, records the final state and frees the slot.
    private func finish(_ id: RunID, state: RunState, message: String?, control: RunControl?) {
        lock.lock()
        let step = entries[id]?.lastStep ?? 0
        let seconds = entries[id]?.activeSeconds(now: clock.now)
        let lastEpoch = entries[id]?.lastEpoch
        lock.unlock()
        let text = message ?? (state == .cancelled ? "cancelled at step \(step)" : nil)
        let end = EndEvent(status: state.endStatus ?? .failed, step: step, message: text, seconds: seconds)
            .summarizing(lastEpoch)
        let writeProblem = control?.writeEnd(end)

        lock.lock()
        defer { lock.unlock() }
        if let entry = entries[id] {
            entry.record(.end(end), recentLimit: recentEventLimit, mailboxLimit: mailboxLimit)
            entry.state = state
            entry.held = false
            entry.lastError = message ?? writeProblem ?? entry.lastError
        }
        activeCount -= 1
        startWaitingRuns()
        lock.broadcast()
    }

    /// One run's state. A class so the queue can update it in place; guarded by the queue's lock.
    private final class Entry {
        let id: RunID
        let name: String
        let job: RunJob
        let makeWriter: RunWriterFactory?
        var state: RunState = .queued
        var progress: RunProgress?
        var lastError: String?
        var cancelRequested = false
        var held = false
        var recent: [RunEvent] = []
        var mailbox: [RunEvent] = []
        var eventCount = 0
        var lastStep = 0
        /// The last epoch event, repeated in the end event's summary.
        var lastEpoch: EpochEvent?
        var runFile: URL?
        var started: ContinuousClock.Instant?
        var pausedAt: ContinuousClock.Instant?
        var pausedTotal: Duration = .zero

        init(id: RunID, name: String, job: @escaping RunJob, makeWriter: RunWriterFactory?) {
            self.id = id
            self.name = name
            self.job = job
            self.makeWriter = makeWriter
        }

        var status: RunStatus {
            RunStatus(id: id, name: name, state: state, progress: progress, lastError: lastError,
                      cancelRequested: cancelRequested && !state.isFinished, isHeldAtCheckpoint: held,
                      runFile: runFile, eventCount: eventCount)
        }

        func record(_ event: RunEvent, recentLimit: Int, mailboxLimit: Int) {
            eventCount += 1
            if let step = event.step { lastStep = max(lastStep, step) }
            if case .epoch(let e) = event { lastEpoch = e }
            recent.append(event)
            if recent.count > recentLimit { recent.removeFirst(recent.count - recentLimit) }
            mailbox.append(event)
            if mailbox.count > mailboxLimit { mailbox.removeFirst(mailbox.count - mailboxLimit) }
        }

        /// Seconds since the start, paused time excluded.
        func activeSeconds(now: ContinuousClock.Instant) -> Double {
            guard let started else { return 0 }
            var paused = pausedTotal
            if let pausedAt { paused += now - pausedAt }
            let active = now - started - paused
            return active.inSeconds
        }
    }
}
