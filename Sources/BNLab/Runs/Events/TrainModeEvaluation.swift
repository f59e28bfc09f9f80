/// The test set evaluated with the network in **train** mode, in batches of one size.
///
/// BatchNorm then normalizes each test batch with its own statistics, so the answers depend on
/// the batch size; comparing these with the eval-mode numbers of the same epoch shows it.
public struct TrainModeEvaluation: Codable, Sendable, Equatable {
    /// The test batch size (`batch_size`).
    public var batchSize: Int
    /// Mean cross-entropy over the test set (`test_loss`).
    public var testLoss: Double
    /// Fraction of test images classified correctly, 0…1.
    public var accuracy: Double
    /// Per class: correct / total, 0…1 (`class_accuracy`); 0 for a class with no test images.
    public var classAccuracy: [Double]
    /// Per class: images classified correctly (`class_correct`).
    public var classCorrect: [Int]
    /// Per class: test images (`class_total`).
    public var classTotal: [Int]

    /// An evaluation from its counts; the accuracies are computed from them.
    public init(batchSize: Int, testLoss: Double, classCorrect: [Int], classTotal: [Int]) {
        self.batchSize = batchSize
        self.testLoss = testLoss
        self.classCorrect = classCorrect
        self.classTotal = classTotal
        (accuracy, classAccuracy) = EpochEvent.accuracies(correct: classCorrect, total: classTotal)
    }

    enum CodingKeys: String, CodingKey {
        case batchSize = "batch_size", testLoss = "test_loss", accuracy, classAccuracy = "class_accuracy"
        case classCorrect = "class_correct", classTotal = "class_total"
    }
}
