import BNCore
import BNData
import Foundation

extension RunLauncher {
    /// What resuming a run file would use: its plan, its last checkpoint and that checkpoint's file.
    public struct ResumePoint: Sendable {
        /// The run's plan, from its header.
        public var plan: RunPlan
        /// The run file's header.
        public var header: RunHeader
        /// The last `checkpoint` event of the file.
        public var event: CheckpointEvent
        /// The checkpoint, read and validated.
        public var checkpoint: Checkpoint
    }

    /// Finds the last checkpoint of the run file at `url` and checks that it can be resumed:
    /// the header has a config, the run did not finish, the checkpoint file exists, matches
    /// its SHA-256, holds a training position inside the run's plan and F32 resume tensors, and
    /// its model tensors load into the run's model (shapes, and counters in 0 … 2^53).
    public static func resumePoint(_ url: URL) throws -> ResumePoint {
        let name = url.lastPathComponent
        let run = try RunReader.read(contentsOf: url)
        guard let plan = run.header.config else {
            throw CheckpointError(file: name, problem: "its header has no readable config, so the run cannot be rebuilt",
                                  hint: "only runs bnlab wrote can be resumed")
        }
        if let end = run.end, end.status == .done {
            throw CheckpointError(file: name, problem: "finished (status done); there is nothing to resume",
                                  hint: "start a new run from its weights with `bnlab run EXP --init <its .end.safetensors>`")
        }
        var last: CheckpointEvent?
        for case .checkpoint(let e) in run.events { last = e }
        guard let event = last else {
            throw CheckpointError(file: name, problem: "names no checkpoint (it has no checkpoint event)",
                                  hint: "runs save one when cancelled with Ctrl-C; a run killed otherwise must be started again")
        }
        let checkpoint = try Checkpoint.read(event, besideRunFile: url)
        try checkpoint.position(file: event.file).check(against: plan, file: event.file)
        try checkpoint.checkResumeTensors(file: event.file)
        do { try ModelBuilder.build(plan.model, rng: RandomSource(seed: plan.seed)).network.loadStateDict(checkpoint.modelState) }
        catch let error as StateDictError {
            throw CheckpointError(file: event.file, problem: "does not fit the run's model: \(error)", hint: TrainingPosition.damagedHint)
        }
        return ResumePoint(plan: plan, header: run.header, event: event, checkpoint: checkpoint)
    }

    /// Queues the continuation of an interrupted run: from its last checkpoint, with the same
    /// data order and random state, appending to the same file after a `resume` marker (the
    /// cancelled run's `end` line is removed first).
    @discardableResult
    public func resume(_ url: URL) throws -> RunID {
        let point = try Self.resumePoint(url)
        let plan = point.plan, header = point.header, checkpoint = point.checkpoint, event = point.event
        let folder = datasetFolder(plan)
        let datasets = self.datasets
        let writer: RunWriterFactory = {
            let data = try datasets.dataset(at: folder)
            guard data.fingerprint == header.datasetFingerprint || header.datasetFingerprint.isEmpty else {
                throw CheckpointError(file: url.lastPathComponent, problem: "was trained on other data (dataset fingerprint differs)",
                                      hint: "resume with the dataset the run started with (--data)")
            }
            try Self.removeTrailingEnd(url)
            return try RunWriter(appendingTo: url, header: header)
        }
        return queue.enqueue(name: plan.name, writer: writer, job: Self.job(plan, folder: folder, datasets: datasets) { control, data in
            try control.publish(.marker(MarkerEvent(step: event.step, kind: MarkerKind(rawValue: "resume"),
                text: "resumed from \(event.file) (step \(event.step), epoch \(event.epoch ?? 0))")))
            return Trainer(plan: plan, data: data, resumeFrom: checkpoint)
        })
    }

    /// Cuts the file's last line when it is an `end` event (a resumed run writes its own).
    static func removeTrailingEnd(_ url: URL) throws {
        let handle = try FileHandle(forUpdating: url)
        defer { try? handle.close() }
        let data = try handle.readToEnd() ?? Data()
        var end = data.count
        while end > 0 && data[end - 1] == UInt8(ascii: "\n") { end -= 1 }
        let start = (data[..<end].lastIndex(of: UInt8(ascii: "\n")) ?? -1) + 1
        guard start < end,
              let object = try? JSONSerialization.jsonObject(with: data[start..<end]) as? [String: Any],
              object["type"] as? String == "end" else { return }
        try handle.truncate(atOffset: UInt64(start))
    }
}
