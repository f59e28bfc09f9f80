/// The end of an epoch: losses and the test set evaluated in eval mode (and optionally in train mode).
///
/// ```json
/// {"type":"epoch","epoch":1,"phase":"train","train_loss":0.52,"test_loss":0.45,"accuracy":0.84,
///  "class_accuracy":[0.8,…],"class_correct":[800,…],"class_total":[1000,…],
///  "train_mode":[{"batch_size":2,"test_loss":1.9,"accuracy":0.41,…}],"probe_drift":0.0}
/// ```
/// Per class, as the classic tutorial prints it: "Test Accuracy of class k: xx% (correct/total)".
public struct EpochEvent: Codable, Sendable, Equatable {
    /// The epoch that ended, counting from 1.
    public var epoch: Int
    /// The phase it belongs to, when the run has several.
    public var phase: String?
    /// Mean training loss over the epoch's steps (`train_loss`).
    public var trainLoss: Double
    /// Mean cross-entropy over the test set in eval mode (`test_loss`).
    public var testLoss: Double
    /// Fraction of test images classified correctly in eval mode, 0…1.
    public var accuracy: Double
    /// Per class, eval mode: correct / total, 0…1 (`class_accuracy`).
    public var classAccuracy: [Double]
    /// Per class, eval mode: images classified correctly (`class_correct`).
    public var classCorrect: [Int]
    /// Per class: test images (`class_total`).
    public var classTotal: [Int]
    /// The train-mode evaluations, one per test batch size (`train_mode`), when recorded.
    public var trainMode: [TrainModeEvaluation]?
    /// Largest absolute change of any of the probe's eval-mode output values since the previous
    /// epoch's end (`probe_drift`); 0 means nothing that eval mode depends on changed. nil without
    /// a probe and for the first epoch.
    public var probeDrift: Double?
    /// How many of the probe's output values (images × features) changed at all since the
    /// previous epoch (`probe_changed`).
    public var probeChanged: Int?
    /// Wall-clock seconds the epoch took, evaluation included.
    public var seconds: Double?
    /// The L2 norm of the weights BatchNorm makes scale-invariant (`weight_norm`, format 1.1,
    /// optional): every Linear/Conv2d weight followed by a BatchNorm layer, when `record.weight_norm`.
    public var weightNorm: Double?

    /// An epoch event from counts; the accuracies are computed from them.
    public init(epoch: Int, phase: String? = nil, trainLoss: Double, testLoss: Double, classCorrect: [Int], classTotal: [Int],
                trainMode: [TrainModeEvaluation]? = nil, probeDrift: Double? = nil, probeChanged: Int? = nil,
                seconds: Double? = nil, weightNorm: Double? = nil) {
        self.epoch = epoch
        self.phase = phase
        self.trainLoss = trainLoss
        self.testLoss = testLoss
        self.classCorrect = classCorrect
        self.classTotal = classTotal
        self.trainMode = trainMode
        self.probeDrift = probeDrift
        self.probeChanged = probeChanged
        self.seconds = seconds
        self.weightNorm = weightNorm
        (accuracy, classAccuracy) = Self.accuracies(correct: classCorrect, total: classTotal)
    }

    /// The train-mode evaluation with this test batch size, if recorded.
    public func trainMode(batchSize: Int) -> TrainModeEvaluation? {
        trainMode?.first { $0.batchSize == batchSize }
    }

    /// Overall and per-class accuracy from per-class counts (a class with no images counts 0).
    static func accuracies(correct: [Int], total: [Int]) -> (overall: Double, perClass: [Double]) {
        let perClass = zip(correct, total).map { $1 > 0 ? Double($0) / Double($1) : 0 }
        let all = total.reduce(0, +)
        return (all > 0 ? Double(correct.reduce(0, +)) / Double(all) : 0, perClass)
    }

    enum CodingKeys: String, CodingKey {
        case epoch, phase, trainLoss = "train_loss", testLoss = "test_loss", accuracy, classAccuracy = "class_accuracy"
        case classCorrect = "class_correct", classTotal = "class_total", trainMode = "train_mode"
        case probeDrift = "probe_drift", probeChanged = "probe_changed", seconds
        case weightNorm = "weight_norm"
    }
}
