/// One optimizer step's training loss: `{"type":"step","step":12,"epoch":1,"loss":2.1,"lr":0.01,"samples":768,"time":0.41}`.
public struct StepEvent: Codable, Sendable, Equatable {
    /// Optimizer steps taken since the run started, counting from 1.
    public var step: Int
    /// The epoch this step belongs to, counting from 1.
    public var epoch: Int
    /// The mean cross-entropy over this step's samples (the average of its micro-batch losses,
    /// before dividing by the accumulation steps). May be non-finite when a run diverges.
    public var loss: Double
    /// The learning rate used for this step.
    public var lr: Double
    /// Training samples seen since the run started, this step's included (`samples`).
    public var samples: Int
    /// Seconds since the run started, pauses excluded, at the end of this step (`time`, format
    /// 1.1); nil in 1.0 files.
    public var time: Double?

    /// A step event.
    public init(step: Int, epoch: Int, loss: Double, lr: Double, samples: Int, time: Double? = nil) {
        self.step = step
        self.epoch = epoch
        self.loss = loss
        self.lr = lr
        self.samples = samples
        self.time = time
    }
}
