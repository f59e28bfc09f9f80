import BNCharts

/// Maps a run's steps to the loss chart's x axis: the step itself, the fractional epoch, or the
/// wall time recorded on the step events.
///
/// ```text
/// epoch 1: steps 1…50, epoch 2: steps 51…100   →   step 25 ↦ 0.5, step 50 ↦ 1, step 75 ↦ 1.5
/// ```
struct LossXMapping {
    /// The axis mapped to.
    var axis: LossXAxis
    private var table: [Int: Double] = [:]
    /// The x of the last step of every epoch but the last one recorded (epoch boundaries).
    private(set) var epochEnds: [Double] = []

    /// The mapping for `run`; nil for ``LossXAxis/time`` when the run recorded no wall time.
    init?(_ axis: LossXAxis, run: RunRecord) {
        self.axis = axis
        // x holds the step as a Double; steps near Int.max round up past it, so clamp (never trap).
        let steps = run.losses.map { Self.step($0.x) }
        let epochs = run.lossEpochs
        // Steps per epoch: the first step and count of each epoch; the last (maybe unfinished)
        // epoch takes the previous epoch's count when it has fewer steps so far.
        var first: [Int: Int] = [:], count: [Int: Int] = [:], last: [Int: Int] = [:]
        for (step, epoch) in zip(steps, epochs) {
            if first[epoch] == nil { first[epoch] = step }
            count[epoch, default: 0] += 1
            last[epoch] = max(last[epoch] ?? step, step)
        }
        let ordered = count.keys.sorted()
        switch axis {
        case .step:
            for step in steps { table[step] = Double(step) }
        case .epoch:
            let typical = ordered.count >= 2 ? count[ordered[ordered.count - 2]] ?? 1 : nil
            for (step, epoch) in zip(steps, epochs) {
                // x = (e − 1) + (step − first_e + 1) / n_e
                let n = max(count[epoch] ?? 1, epoch == ordered.last ? typical ?? 1 : 1)
                table[step] = Double(epoch - 1) + Double(step - (first[epoch] ?? step) + 1) / Double(max(1, n))
            }
        case .time:
            for (step, time) in zip(steps, run.lossTimes) { if let time, time.isFinite { table[step] = time } }
            guard !table.isEmpty else { return nil }
        }
        epochEnds = ordered.dropLast().compactMap { last[$0].flatMap { table[$0] } }
    }

    /// The x of `step`; step 0 (before training) is x 0 on the epoch and time axes. A step past the
    /// last recorded one (a replay's end while the cursor is earlier) is extrapolated at the mean
    /// rate so far, `x_last + (step − s_last) · x_last / s_last`.
    func x(step: Int) -> Double? {
        if let x = table[step] { return x }
        if axis == .step { return Double(step) }
        if step <= 0 { return 0 }
        guard let lastStep = table.keys.max(), let lastX = table[lastStep], lastStep > 0 else { return nil }
        if step > lastStep { return lastX + Double(step - lastStep) * lastX / Double(lastStep) }
        // A step between recorded ones: the next recorded step's x.
        return table.filter { $0.key >= step }.min { $0.key < $1.key }?.value
    }

    /// `points` (x = step) with x mapped; points whose step has no x are dropped.
    func map(_ points: [ChartPoint]) -> [ChartPoint] {
        points.compactMap { p in x(step: Self.step(p.x)).map { ChartPoint(x: $0, y: p.y) } }
    }

    /// A step stored as a chart x: steps near Int.max round up past it as a Double, so clamp (never trap).
    static func step(_ x: Double) -> Int {
        guard x.isFinite else { return 0 }
        return x >= 0x1p63 ? .max : (x <= -0x1p63 ? .min : Int(x))
    }
}
