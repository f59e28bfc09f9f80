import BNLab
import Testing
@testable import BNReports

/// A run file written without `class_names` (once: no per-class table) still gets one row per
/// class, named `class K`.
@Suite("Run report: files without class names")
struct RunReportClassNamesTests {
    @Test func thePerClassTableNamesClassesByIndex() {
        var run = RunReportTests.run(variant: "bn", losses: [2, 1.5, 1])
        run.header.classNames = []
        let text = RunReport(runs: [run]).render()
        #expect(text.contains("Per-class test accuracy"))
        let rows = text.split(separator: "\n").filter { $0.hasPrefix("class 0") || $0.hasPrefix("class 1") }
        #expect(rows.count == 2, "\(text)")
        #expect(rows.first?.contains("90.0%") == true && rows.last?.contains("50.0%") == true)
    }
}
