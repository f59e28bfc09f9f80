import Foundation
import Testing
@testable import BNLab

/// Every state transition of the run queue, with short jobs paced by semaphores (no timing).
@Suite("Run queue", .serialized, .timeLimit(.minutes(1)))
struct RunQueueTests {
    func step(_ n: Int) -> RunEvent {
        .step(StepEvent(step: n, epoch: 1, loss: 1.0 / Double(n), lr: 0.01, samples: 64 * n))
    }

    @Test("a job that completes: done, with its events, progress and an end event")
    func completes() throws {
        let queue = RunQueue(maxConcurrentRuns: 2)
        let id = queue.enqueue(name: "ok") { control in
            for n in 1...3 {
                try control.checkpoint()
                try control.publish(self.step(n))
                control.reportProgress(epoch: 1, totalEpochs: 1, step: n, totalSteps: 3, samples: 64 * n)
            }
            return .done
        }
        let status = try #require(queue.wait(for: id))
        #expect(status.state == .done && status.lastError == nil && status.name == "ok")
        #expect(status.progress?.step == 3 && status.progress?.samples == 192 && status.progress?.etaSeconds == 0)
        let events = queue.takeEvents(id)
        #expect(events.count == 4 && events.prefix(3) == [step(1), step(2), step(3)])
        guard case .end(let end) = events.last else { Issue.record("no end event"); return }
        #expect(end.status == .done && end.step == 3)
        #expect(queue.takeEvents(id).isEmpty, "the mailbox is drained")
        #expect(queue.latestEvents(id).count == 4, "recent events stay")
        #expect(status.eventCount == 4)
    }

    @Test("a job that throws: failed, with the error's message")
    func throwsError() throws {
        let queue = RunQueue()
        let id = queue.enqueue(name: "broken") { _ in throw JobFailure() }
        let status = try #require(queue.wait(for: id))
        #expect(status.state == .failed && status.lastError == "the data folder is empty")
        guard case .end(let end) = queue.latestEvents(id).last else { Issue.record("no end event"); return }
        #expect(end.status == .failed && end.message == "the data folder is empty")
    }

    @Test("the end event repeats the last epoch's results, and the step time comes from the queue's clock")
    func endSummary() throws {
        let queue = RunQueue()
        let last = EpochEvent(epoch: 2, trainLoss: 0.5, testLoss: 0.75, classCorrect: [3, 1], classTotal: [4, 4])
        let id = queue.enqueue(name: "two epochs") { control in
            #expect(control.activeSeconds >= 0)
            try control.publish(.epoch(EpochEvent(epoch: 1, trainLoss: 1, testLoss: 1, classCorrect: [1, 1], classTotal: [4, 4])))
            try control.publish(.epoch(last))
            return .done
        }
        _ = try #require(queue.wait(for: id))
        guard case .end(let end) = queue.latestEvents(id).last else { Issue.record("no end event"); return }
        #expect(end.epoch == 2 && end.accuracy == 0.5 && end.testLoss == 0.75 && end.trainLoss == 0.5)
    }

    @Test("a job that reports divergence or failure: diverged / failed, with its message")
    func divergedOutcome() throws {
        let queue = RunQueue()
        let diverged = queue.enqueue(name: "nan") { control in
            try control.publish(self.step(812))
            return .diverged("loss became NaN at step 812")
        }
        let failed = queue.enqueue(name: "gave up") { _ in .failed("no BatchNorm layer to watch") }
        let status = try #require(queue.wait(for: diverged))
        #expect(status.state == .diverged && status.lastError == "loss became NaN at step 812")
        guard case .end(let end) = queue.latestEvents(diverged).last else { Issue.record("no end event"); return }
        #expect(end == EndEvent(status: .diverged, step: 812, message: "loss became NaN at step 812", seconds: end.seconds, epoch: 0))
        #expect(queue.wait(for: failed)?.state == .failed)
        #expect(queue.status(of: failed)?.lastError == "no BatchNorm layer to watch")
    }

    @Test("cancelled while running: stops at the next checkpoint")
    func cancelWhileRunning() throws {
        let queue = RunQueue()
        let steps = Counter(), stepped = Gate(), proceed = Gate()
        let id = queue.enqueue(name: "long") { control in
            while true {
                try control.checkpoint()
                steps.increment()
                stepped.open()
                proceed.wait()
            }
        }
        stepped.wait()
        #expect(queue.status(of: id)?.state == .running)
        #expect(queue.cancel(id))
        #expect(queue.status(of: id)?.cancelRequested == true)
        proceed.open()
        let status = try #require(queue.wait(for: id))
        #expect(status.state == .cancelled && steps.value == 1 && !status.cancelRequested)
        guard case .end(let end) = queue.latestEvents(id).last else { Issue.record("no end event"); return }
        #expect(end.status == .cancelled && end.message == "cancelled at step 0")
        #expect(!queue.cancel(id), "a finished run cannot be cancelled again")
    }

    @Test("cancelled while queued: never starts")
    func cancelWhileQueued() throws {
        let queue = RunQueue(maxConcurrentRuns: 1)
        let release = Gate(), started = Gate()
        let ran = Counter()
        let first = queue.enqueue(name: "first") { _ in
            started.open()
            release.wait()
            return .done
        }
        let second = queue.enqueue(name: "second") { _ in
            ran.increment()
            return .done
        }
        started.wait()
        #expect(queue.snapshot().map(\.state) == [.running, .queued])
        #expect(queue.cancel(second))
        #expect(queue.status(of: second)?.state == .cancelled)
        release.open()
        queue.waitUntilIdle()
        #expect(queue.status(of: first)?.state == .done)
        #expect(ran.value == 0)
        #expect(queue.takeEvents(second) == [.end(EndEvent(status: .cancelled, step: 0, message: "cancelled before it started"))])
    }

    @Test("pause then resume: the job makes no progress while paused")
    func pauseResume() throws {
        let queue = RunQueue()
        let steps = Counter(), stepped = Gate(), proceed = Gate()
        let id = queue.enqueue(name: "pausable") { control in
            for n in 1...3 {
                try control.checkpoint()
                steps.increment()
                control.reportProgress(epoch: 1, totalEpochs: 1, step: n, totalSteps: 3, samples: n)
                stepped.open()
                proceed.wait()
            }
            return .done
        }
        stepped.wait()
        #expect(queue.pause(id))
        #expect(!queue.pause(id), "already paused")
        proceed.open()   // the job finishes step 1 and stops at its next checkpoint
        let held = try #require(queue.wait(for: id) { $0.isHeldAtCheckpoint })
        #expect(held.state == .paused && steps.value == 1)
        #expect(queue.snapshot().first?.isHeldAtCheckpoint == true && steps.value == 1)

        #expect(queue.resume(id))
        #expect(!queue.resume(id), "already running")
        stepped.wait()
        #expect(steps.value == 2)
        proceed.open()
        stepped.wait()
        proceed.open()
        #expect(queue.wait(for: id)?.state == .done)
        #expect(steps.value == 3)
    }

    @Test("cancelled while paused: the held job wakes and stops")
    func cancelWhilePaused() throws {
        let queue = RunQueue()
        let steps = Counter(), stepped = Gate()
        let id = queue.enqueue(name: "paused") { control in
            while true {
                try control.checkpoint()
                steps.increment()
                stepped.open()
            }
        }
        stepped.wait()
        #expect(queue.pause(id))
        _ = queue.wait(for: id) { $0.isHeldAtCheckpoint }
        let stepsWhenHeld = steps.value
        #expect(queue.cancel(id))
        #expect(queue.wait(for: id)?.state == .cancelled)
        #expect(steps.value == stepsWhenHeld)
    }

    @Test("with a limit of 1, two jobs never overlap")
    func concurrencyLimitOne() throws {
        let queue = RunQueue(maxConcurrentRuns: 1)
        let active = Counter()
        let gates = [Gate(), Gate()], entered = [Gate(), Gate()]
        let ids = (0..<2).map { index in
            queue.enqueue(name: "job \(index)") { _ in
                active.increment()
                entered[index].open()
                gates[index].wait()
                active.decrement()
                return .done
            }
        }
        entered[0].wait()
        #expect(queue.snapshot().map(\.state) == [.running, .queued])
        gates[0].open()
        entered[1].wait()
        #expect(queue.status(of: ids[0])?.state == .done)
        #expect(queue.status(of: ids[1])?.state == .running)
        gates[1].open()
        queue.waitUntilIdle()
        #expect(active.maximum == 1)
        #expect(queue.snapshot().map(\.state) == [.done, .done])
    }

    @Test("with a limit of 2, two jobs run at the same time on their own threads")
    func concurrencyLimitTwo() throws {
        let queue = RunQueue(maxConcurrentRuns: 2)
        let active = Counter()
        let release = Gate(), entered = Gate()
        for index in 0..<3 {
            queue.enqueue(name: "job \(index)") { _ in
                #expect(!Thread.isMainThread)
                active.increment()
                entered.open()
                release.wait()
                active.decrement()
                return .done
            }
        }
        entered.wait()
        entered.wait()
        #expect(queue.snapshot().map(\.state) == [.running, .running, .queued])
        #expect(active.value == 2)
        for _ in 0..<3 { release.open() }
        queue.waitUntilIdle()
        #expect(active.maximum == 2)
        #expect(RunQueue().maxConcurrentRuns == ProcessInfo.processInfo.activeProcessorCount)
    }

    @Test("the snapshot and events are readable while a job runs")
    func snapshotWhileRunning() throws {
        let queue = RunQueue(recentEventLimit: 3)
        let reported = Gate(), release = Gate()
        let id = queue.enqueue(name: "busy") { control in
            for n in 1...5 { try control.publish(self.step(n)) }
            control.reportProgress(epoch: 2, totalEpochs: 4, step: 5, totalSteps: 10, samples: 320, phase: "train")
            reported.open()
            release.wait()
            return .done
        }
        reported.wait()
        let status = try #require(queue.snapshot().first)
        #expect(status.id == id && status.state == .running)
        #expect(status.progress?.step == 5 && status.progress?.epoch == 2 && status.progress?.fraction == 0.5)
        #expect(status.progress?.phase == "train")
        #expect(queue.latestEvents(id) == [step(3), step(4), step(5)])
        #expect(queue.takeEvents(id).count == 5)
        release.open()
        #expect(queue.wait(for: id)?.state == .done)
    }

    @Test("events go to the run file, which ends with the end event")
    func writesRunFiles() throws {
        let folder = try TestPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let queue = RunQueue()
        let factory: RunWriterFactory = { try RunWriter(runsFolder: folder, header: RunFixtures.header(runID: RunHeader.makeRunID())) }
        let done = queue.enqueue(name: "file", writer: factory) { control in
            for n in 1...3 { try control.publish(self.step(n)) }
            try control.publish(.progress(RunProgress(epoch: 1, totalEpochs: 1, step: 3, totalSteps: 3, samples: 192,
                                                      samplesPerSecond: 1, etaSeconds: 0)))
            return .done
        }
        let proceed = Gate(), stepped = Gate()
        let cancelled = queue.enqueue(name: "cancelled file", writer: factory) { control in
            try control.publish(self.step(1))
            stepped.open()
            proceed.wait()
            try control.checkpoint()
            return .done
        }
        stepped.wait()
        queue.cancel(cancelled)
        proceed.open()
        queue.waitUntilIdle()

        let doneURL = try #require(queue.status(of: done)?.runFile)
        let run = try RunReader.read(contentsOf: doneURL)
        #expect(run.notices.isEmpty)
        #expect(run.steps.map(\.step) == [1, 2, 3])
        #expect(run.events.count == 4, "progress is not written")
        #expect(run.end?.status == .done && run.end?.step == 3)
        #expect(queue.status(of: done)?.progress?.step == 3, "a published progress event updates the status")

        let cancelledRun = try RunReader.read(contentsOf: try #require(queue.status(of: cancelled)?.runFile))
        #expect(cancelledRun.end?.status == .cancelled && cancelledRun.end?.message == "cancelled at step 1")
    }

    @Test("a run file that cannot be created fails the run before its job starts")
    func writerFailure() throws {
        let queue = RunQueue()
        let ran = Counter()
        let id = queue.enqueue(name: "no file", writer: { throw RunFileError(kind: .unwritable, file: "runs", problem: "is read-only") }) { _ in
            ran.increment()
            return .done
        }
        let status = try #require(queue.wait(for: id))
        #expect(status.state == .failed && ran.value == 0)
        #expect(status.lastError == "could not create the run file: run file runs: is read-only")
    }

    @Test("cancelAll stops queued and running runs; removeFinished forgets them")
    func cancelAll() throws {
        let queue = RunQueue(maxConcurrentRuns: 1)
        let started = Gate()
        let first = queue.enqueue(name: "a") { control in
            started.open()
            while true { try control.checkpoint() }
        }
        queue.enqueue(name: "b") { _ in .done }
        started.wait()
        queue.cancelAll()
        queue.waitUntilIdle()
        #expect(queue.snapshot().map(\.state) == [.cancelled, .cancelled])
        #expect(!queue.pause(first) && !queue.resume(first))
        queue.removeFinished()
        #expect(queue.snapshot().isEmpty)
        #expect(queue.status(of: first) == nil && queue.wait(for: first) == nil)
    }
}
