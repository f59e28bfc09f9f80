extension BenchmarkWorkload {
    /// The seed CNN: Conv 1→6 3×3, BN2d, ReLU, MaxPool 2, Conv 6→16 3×3, BN2d, ReLU, MaxPool 2,
    /// Linear 400→120→84→10.
    public static let cnn = BenchmarkWorkload(
        name: "cnn-bn", title: "CNN conv6-conv16-120-84-10 with BN",
        sampleShape: [1, 28, 28],
        // forward and weight-gradient MACs: conv1 6·9·26², conv2 16·54·11², fc 400·120 + 120·84 + 84·10;
        // input gradients for everything after the first conv.
        flopsPerSample: 4 * (6.0 * 9 * 676 + 16 * 54 * 121 + 400 * 120 + 120 * 84 + 84 * 10)
            + 2 * (16.0 * 54 * 121 + 400 * 120 + 120 * 84 + 84 * 10)
    ) { rng in
        Sequential([
            Conv2d(1, 6, kernelSize: 3, rng: rng), BatchNorm2d(6), ReLU(), MaxPool2d(kernelSize: 2),
            Conv2d(6, 16, kernelSize: 3, rng: rng), BatchNorm2d(16), ReLU(), MaxPool2d(kernelSize: 2),
            Flatten(), Linear(400, 120, rng: rng), ReLU(), Linear(120, 84, rng: rng), ReLU(),
            Linear(84, 10, rng: rng),
        ])
    }

    /// The three workloads of `bnlab bench`, in order.
    public static let all: [BenchmarkWorkload] = [.mlp(batchNorm: true), .mlp(batchNorm: false), .cnn]
}
