/// The experiments the ``DemoBackend`` offers: the shape of the real catalog, with short notes.
public enum DemoCatalog {
    /// Fashion-MNIST's ten class names, in label order.
    public static let fashionClasses = [
        "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot",
    ]

    /// The demo catalog, in display order.
    public static let experiments: [ExperimentInfo] = [
        ExperimentInfo(
            id: "bn-vs-no-bn", title: "BatchNorm vs. no BatchNorm",
            summary: "The same MLP with and without BatchNorm: loss curves and test accuracy in train and eval mode.",
            notes: """
                What to look at
                - The two training-loss curves: the BN net's loss falls much faster in the first epoch.
                - Per-class test accuracy of the BN net in eval mode and in train mode, and of the plain net. \
                The same weights answer differently in train mode, because BatchNorm then normalizes each test \
                batch with that batch's own statistics instead of the running ones.
                - The running mean follows the batch means with momentum 0.1: \
                running = 0.9 * running + 0.1 * batch.

                Why it looks like this
                - BatchNorm gives every channel zero mean and unit variance over the batch, then scales and \
                shifts it by gamma and beta, so the next layer sees inputs on a steady scale.
                """,
            variants: [
                VariantInfo(name: "bn", note: "Linear (no bias) -> BatchNorm1d -> ReLU, twice", bnMomentum: 0.1),
                VariantInfo(name: "no-bn", note: "the same layers without BatchNorm"),
            ],
            classNames: fashionClasses),
        ExperimentInfo(
            id: "bn-momentum", title: "BatchNorm momentum and the running statistics",
            summary: "How fast the running mean and variance follow the batches for momentum 0.5, 0.1, 0.01 and null.",
            notes: """
                What to look at
                - momentum 0.5 follows the latest batches closely and is noisy; 0.01 is smooth but lags while \
                the weights still change; 0.1 is PyTorch's default.
                - momentum null is a cumulative average over every batch seen (num_batches_tracked).

                Why it looks like this
                - running = (1 - momentum) * running + momentum * batch statistic: an exponential moving \
                average whose memory is about 1/momentum batches.
                """,
            variants: [
                VariantInfo(name: "m0.5", note: "momentum 0.5", bnMomentum: 0.5),
                VariantInfo(name: "m0.1", note: "momentum 0.1 (default)", bnMomentum: 0.1),
                VariantInfo(name: "m0.01", note: "momentum 0.01", bnMomentum: 0.01),
                VariantInfo(name: "cumulative", note: "momentum null: cumulative average"),
            ],
            classNames: fashionClasses),
        ExperimentInfo(
            id: "train-vs-eval", title: "Testing in train mode vs. eval mode",
            summary: "One BN net tested in eval mode and in train mode with test batches of 2, 8 and 64.",
            notes: """
                What to look at
                - Eval mode uses the running statistics: a fixed affine map per channel, the same answer \
                for any batch. Train mode normalizes with each test batch's own statistics: batches of 2 \
                give poor, batch-dependent answers.
                """,
            variants: [VariantInfo(name: "bn-tested", note: "evaluated in eval mode and in train mode", bnMomentum: 0.1)],
            classNames: fashionClasses),
        ExperimentInfo(
            id: "learning-rate", title: "BatchNorm and large learning rates",
            summary: "Learning rates 0.01, 0.1 and 1.0 with and without BatchNorm; BatchNorm tolerates the larger ones.",
            notes: """
                What to look at
                - Without BatchNorm, lr 1.0 diverges (the loss becomes NaN); with BatchNorm it trains.
                """,
            variants: [
                VariantInfo(name: "bn-lr0.1", note: "BatchNorm, lr 0.1", bnMomentum: 0.1),
                VariantInfo(name: "bn-lr1.0", note: "BatchNorm, lr 1.0", bnMomentum: 0.1),
                VariantInfo(name: "no-bn-lr0.1", note: "no BatchNorm, lr 0.1"),
                VariantInfo(name: "no-bn-lr1.0", note: "no BatchNorm, lr 1.0: diverges"),
            ],
            classNames: fashionClasses),
        ExperimentInfo(
            id: "frozen-bn", title: "Frozen BatchNorm keeps changing",
            summary: "Freezing parameters does not freeze the running statistics: they are buffers.",
            notes: """
                What to look at
                - With requires_grad off but BatchNorm in train mode, the running statistics keep moving \
                and eval outputs drift from epoch to epoch. Put the frozen BN layers in eval mode to stop it.
                """,
            variants: [
                VariantInfo(name: "frozen-train-mode", note: "parameters frozen, BN in train mode", bnMomentum: 0.1),
                VariantInfo(name: "frozen-eval-mode", note: "parameters frozen, BN in eval mode", bnMomentum: 0.1),
            ],
            classNames: fashionClasses),
    ]
}
