import BNCore
import BNData

/// Test loss and per-class accuracy of a network over a loader's batches.
public struct Evaluation: Sendable, Equatable {
    /// Mean cross-entropy over every sample.
    public var loss: Double
    /// Correct predictions per class, and samples per class.
    public var classCorrect: [Int], classTotal: [Int]

    /// Overall accuracy, correct / total.
    public var accuracy: Double {
        let total = classTotal.reduce(0, +)
        return total == 0 ? 0 : Double(classCorrect.reduce(0, +)) / Double(total)
    }

    /// Accuracy per class (0 for a class with no samples).
    public var classAccuracy: [Double] {
        zip(classCorrect, classTotal).map { $1 == 0 ? 0 : Double($0) / Double($1) }
    }

    /// Runs `network` as it is (its train/eval flags untouched) over one pass of `loader`.
    /// `checkpoint` is called between batches so a cancel or pause is honoured during long evaluations.
    static func measure(_ network: Module, on loader: BatchLoader, classes: Int,
                        checkpoint: () throws -> Void) throws -> Evaluation {
        let loss = try CrossEntropyLoss(reduction: .sum)
        var correct = [Int](repeating: 0, count: classes), total = correct
        var lossSum = 0.0, samples = 0
        var iterator = loader.epoch(0)
        var batch = Batch()
        while iterator.next(into: &batch) {
            try checkpoint()
            let logits = try network.forward(batch.input)
            lossSum += try loss.compute(logits: logits, targets: batch.labels).value
            samples += batch.count
            // prediction = argmax over the classes (first maximum on ties, as torch.max)
            logits.data.withUnsafeBufferPointer { z in
                for (i, label) in batch.labels.enumerated() {
                    var best = 0
                    for c in 1..<classes where z[i * classes + c] > z[i * classes + best] { best = c }
                    total[label] += 1
                    if best == label { correct[label] += 1 }
                }
            }
        }
        return Evaluation(loss: samples == 0 ? .nan : lossSum / Double(samples), classCorrect: correct, classTotal: total)
    }
}
