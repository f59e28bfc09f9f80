/// Where a run is and how fast it goes; shown live, never written to run files.
public struct RunProgress: Codable, Sendable, Equatable {
    /// The current epoch, counting from 1 (`total_epochs` in all).
    public var epoch: Int
    /// The run's epochs in all (`total_epochs`).
    public var totalEpochs: Int
    /// Optimizer steps taken.
    public var step: Int
    /// Optimizer steps in the whole run (`total_steps`).
    public var totalSteps: Int
    /// Training samples seen.
    public var samples: Int
    /// Training throughput since the start, pauses excluded (`samples_per_second`).
    public var samplesPerSecond: Double
    /// Estimated seconds to the end (`eta_seconds`); nil before the first step.
    public var etaSeconds: Double?
    /// The current phase, when the run has several.
    public var phase: String?

    /// A progress report.
    public init(epoch: Int, totalEpochs: Int, step: Int, totalSteps: Int, samples: Int, samplesPerSecond: Double,
                etaSeconds: Double?, phase: String? = nil) {
        self.epoch = epoch
        self.totalEpochs = totalEpochs
        self.step = step
        self.totalSteps = totalSteps
        self.samples = samples
        self.samplesPerSecond = samplesPerSecond
        self.etaSeconds = etaSeconds
        self.phase = phase
    }

    /// Progress with throughput and ETA computed from the time spent so far.
    ///
    /// `samples/s = samples / elapsed`; `eta = elapsed / step · (totalSteps − step)`, nil at step 0.
    public static func estimate(epoch: Int, totalEpochs: Int, step: Int, totalSteps: Int, samples: Int,
                                elapsedSeconds: Double, phase: String? = nil) -> RunProgress {
        let rate = elapsedSeconds > 0 ? Double(samples) / elapsedSeconds : 0
        let eta: Double? = step > 0 ? elapsedSeconds / Double(step) * Double(max(0, totalSteps - step)) : nil
        return RunProgress(epoch: epoch, totalEpochs: totalEpochs, step: step, totalSteps: totalSteps, samples: samples,
                           samplesPerSecond: rate, etaSeconds: eta, phase: phase)
    }

    /// Fraction of the run done, 0…1.
    public var fraction: Double {
        totalSteps > 0 ? min(1, Double(step) / Double(totalSteps)) : 0
    }

    enum CodingKeys: String, CodingKey {
        case epoch, totalEpochs = "total_epochs", step, totalSteps = "total_steps", samples
        case samplesPerSecond = "samples_per_second", etaSeconds = "eta_seconds", phase
    }
}
