import Foundation
import Testing
@testable import BNLab

/// Loading a folder with good and bad files: never throws, keeps the good, explains the bad.
@Suite("Catalog loading")
struct ExperimentCatalogLoadingTests {
    @Test("bad files are listed with their errors, good ones still load, both sorted")
    func mixedFolder() {
        let catalog = ExperimentCatalog.load(folder: TestPaths.fixture("experiments-mixed"))
        #expect(catalog.experiments.map(\.id) == ["also-good", "good"])
        #expect(catalog.invalid.map(\.file) == [
            "experiments-mixed/bad-shape.yaml", "experiments-mixed/broken-syntax.yaml",
            "experiments-mixed/typo.yaml", "experiments-mixed/wrong-id.yaml",
        ])
        let byFile = Dictionary(uniqueKeysWithValues: catalog.invalid.map { ($0.file, $0.error) })
        #expect(byFile["experiments-mixed/broken-syntax.yaml"]?.kind == .syntax)
        #expect(byFile["experiments-mixed/typo.yaml"]?.description
            .hasPrefix("experiments-mixed/typo.yaml:15: field 'variants[1].momentun': unknown key 'momentun' in a variant.") == true)
        #expect(byFile["experiments-mixed/wrong-id.yaml"]?.field == "id")
        #expect(byFile["experiments-mixed/wrong-id.yaml"]?.line == 1)
        #expect(byFile["experiments-mixed/bad-shape.yaml"]?.field == "model[0]")
        #expect(byFile["experiments-mixed/bad-shape.yaml"]?.line == 5)
    }

    @Test("a missing folder gives an empty catalog that says so")
    func missingFolder() {
        let catalog = ExperimentCatalog.load(folder: TestPaths.fixture("no-such-folder"))
        #expect(catalog.experiments.isEmpty)
        #expect(catalog.invalid.count == 1)
        #expect(catalog.invalid.first?.error.problem.contains("does not exist") == true)
    }

    @Test("a single file loads with its folder in the name")
    func singleFile() throws {
        let spec = try ExperimentLoader.load(contentsOf: TestPaths.fixture("experiments-mixed/good.yaml"))
        #expect(spec.id == "good")
        #expect(throws: ExperimentError.self) {
            try ExperimentLoader.load(contentsOf: TestPaths.fixture("experiments-mixed/missing.yaml"))
        }
    }
}
