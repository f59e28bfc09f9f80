import Foundation

/// Locations the tests read: the package's own `experiments/` folder and the bundled fixtures.
enum TestPaths {
    /// The package's root folder, found from this source file's location.
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent() // Support
        .deletingLastPathComponent() // BNLabTests
        .deletingLastPathComponent() // Tests
        .deletingLastPathComponent()

    /// The real experiment catalog shipped with bnlab.
    static let experiments = packageRoot.appendingPathComponent("experiments")

    /// The balanced Fashion-MNIST subset kept with the data tests (1,000 train, 200 test images).
    static let fashionSubset = packageRoot.appendingPathComponent("Tests/BNDataTests/Fixtures/fashion-subset")

    /// A fixture file or folder copied into the test bundle.
    static func fixture(_ name: String) -> URL {
        Bundle.module.resourceURL!.appendingPathComponent("Fixtures").appendingPathComponent(name)
    }

    /// A fresh, empty temporary folder; the caller removes it.
    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("bnlab-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
