// swift-tools-version:6.0
import PackageDescription

/// Release-speed code generation for the numeric targets: the hot loops of the layers are written
/// over unsafe buffers and need the host's vector units (AVX2/FMA, AVX-512) to keep up with BLAS.
/// bnlab is always built on the machine that runs it (`make run`), so it targets that CPU.
let numericSettings: [SwiftSetting] = [
    .unsafeFlags(["-Ounchecked", "-wmo", "-target-cpu", "native"], .when(configuration: .release)),
]

let package = Package(
    name: "bnlab",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "bnlab", targets: ["bnlab"]),
        .library(name: "BNCore", targets: ["BNCore"]),
        .library(name: "BNData", targets: ["BNData"]),
        .library(name: "BNCharts", targets: ["BNCharts"]),
        .library(name: "BNLab", targets: ["BNLab"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // System-library shims: a module map and a header each, no logic.
        .systemLibrary(name: "COpenBLAS", path: "Sources/COpenBLAS"),
        .systemLibrary(name: "CZlib", path: "Sources/CZlib"),
        .systemLibrary(name: "CNcursesw", path: "Sources/CNcursesw"),
        .systemLibrary(name: "CMalloc", path: "Sources/CMalloc"),

        // The neural-network core: tensors, modules, layers, losses, SGD, parity with PyTorch.
        .target(name: "BNCore", dependencies: ["COpenBLAS", "CMalloc"], swiftSettings: numericSettings),
        // Checking the core against PyTorch reference files (the `bnlab parity` command).
        .target(name: "BNParity", dependencies: ["BNCore"]),
        // Datasets: IDX files (raw or gzip), transforms, seeded batch loader.
        .target(name: "BNData", dependencies: ["BNCore", "CZlib"], swiftSettings: numericSettings),

        // Experiments, the trainer, the run queue and run files (no drawing).
        .target(name: "BNLab", dependencies: ["BNCore", "BNData", .product(name: "Yams", package: "Yams")]),
        // Text charts rendered into a grid of cells: pure, no terminal.
        .target(name: "BNCharts"),

        // The workbench: state, update, views, key bindings, the Terminal protocol and its test
        // double (TestTerminal). Pure: no curses, so its tests run without a terminal library.
        .target(name: "BNTUI", dependencies: ["BNCharts", "BNLab"]),
        // The Terminal protocol on ncursesw: CursesTerminal, key decoding, colours, locale, signals.
        .target(name: "BNCurses", dependencies: ["BNTUI", "CNcursesw"]),
        // Plain-text reports of saved runs (`bnlab show`).
        .target(name: "BNReports", dependencies: ["BNLab", "BNCharts"]),

        // Fuzz targets for the file readers (run-file, experiment, golden, IDX, safetensors) and their drivers:
        // libFuzzer (scripts/fuzz.sh builds with -sanitize=fuzzer) or a seeded Swift mutation fuzzer.
        .target(name: "BNFuzz", dependencies: ["BNCore", "BNData", "BNLab", "BNParity", "BNReports"]),
        .executableTarget(name: "bnlab-fuzz", dependencies: ["BNFuzz"]),

        .executableTarget(
            name: "bnlab",
            dependencies: [
                "BNCore", "BNData", "BNParity", "BNLab", "BNReports", "BNTUI", "BNCurses",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        .testTarget(name: "BNCoreTests", dependencies: ["BNCore"]),
        .testTarget(name: "BNCursesTests", dependencies: ["BNCurses", "BNTUI"]),
        .testTarget(name: "BNChartsTests", dependencies: ["BNCharts"]),
        .testTarget(name: "BNReportsTests", dependencies: ["BNReports", "BNLab"]),
        // Fixtures: the golden screens and their run files, read from the source tree (see Fixtures/screens/README.md).
        .testTarget(name: "BNTUITests", dependencies: ["BNTUI"], exclude: ["Fixtures"]),
        .testTarget(
            name: "BNLabTests", dependencies: ["BNLab", "BNCore", "BNData"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "BNParityTests", dependencies: ["BNParity", "BNCore"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "BNDataTests", dependencies: ["BNData", "BNCore"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(name: "BNFuzzTests", dependencies: ["BNFuzz"], resources: [.copy("Fixtures")]),
    ]
)
